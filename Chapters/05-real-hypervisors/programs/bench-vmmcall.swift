import Libpok

/// `pokdoc bench hypercalls`: a VMMCALL with its #VMEXIT and VMRUN, timed through TEST_HCALL in
/// the SVM guest (the Xen-style side has nothing to do and shuts down at once).
@_cdecl("pok_partition_main")
public func partitionMain() {}

@_cdecl("pok_svm_guest_main")
public func svmGuestMain() {
    RoundTrip.measure("vmmcall", on: Palacios.self) { _ = GuestCall(PalaciosHypercallID.test).vmmcall() }
}

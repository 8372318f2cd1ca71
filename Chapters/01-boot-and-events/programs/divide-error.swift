@_extern(c, "pok_fault_divide_error") func divideByZero()

/// A partition that divides by zero with `div`: #DE, vector 0.
@_cdecl("pok_partition_main")
public func partitionMain() {
    divideByZero()
}

/// The hypercall interfaces Chapter 5 compares, by name.
public enum HypercallInterfaces {
    public static let all: [HypercallInterface] = [pok, xen, kvm, palacios]

    /// The interface called `name`, if any.
    public static func named(_ name: String) -> HypercallInterface? { all.first { $0.name == name } }
}

/// The profiles by name: the ABIs the grader checks. Chapter 5's interfaces (xen, kvm, palacios)
/// are HypercallInterfaces.
public enum Profiles {
    public static let all: [Profile] = [pokSyscall, pokHypercall]

    /// The profile called `name`, or an error listing the valid names.
    public static func named(_ name: String) throws(UnknownProfile) -> Profile {
        guard let profile = all.first(where: { $0.name == name }) else { throw UnknownProfile(name: name) }
        return profile
    }
}

/// A profile name no profile has.
public struct UnknownProfile: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public init(name: String) { self.name = name }
    public var validNames: [String] { Profiles.all.map(\.name) + HypercallInterfaces.all.map(\.name).filter { $0 != "pok" } }
    public var description: String {
        "unknown profile '\(name)'; valid profiles: \(validNames.joined(separator: ", "))"
    }
}

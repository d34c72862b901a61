extension ProgramFactory {
    static func moreServers(name: String, argv: [String], ctx: ContainerContext) -> ContainerProcess? { nil }
}

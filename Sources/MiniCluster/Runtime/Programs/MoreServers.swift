// The rest of the catalog's programs, chosen by the image's kind and the executable argv names.

extension ProgramFactory {
    static func moreServers(name: String, argv: [String], ctx: ContainerContext) -> ContainerProcess? {
        switch ctx.image.image.program {
        case .httpd where name == "httpd-foreground" || name == "httpd": return HttpdProgram(ctx: ctx, php: false)
        case .hpaExample where name == "apache2-foreground": return HttpdProgram(ctx: ctx, php: true)
        case .redis where name == "redis-server": return RedisProgram(ctx: ctx)
        case .postgres where name == "postgres": return DatabaseProgram(ctx: ctx, kind: .postgres)
        case .mysql where name == "mysqld": return DatabaseProgram(ctx: ctx, kind: .mysql)
        case .mongo where name == "mongod": return DatabaseProgram(ctx: ctx, kind: .mongo)
        case .cassandra where name == "cassandra": return DatabaseProgram(ctx: ctx, kind: .cassandra)
        case .agnhost where name == "agnhost": return AgnhostProgram(ctx: ctx, args: Array(argv.dropFirst()))
        case .echoServer where name == "node" || name == "nginx": return EchoServerProgram(ctx: ctx)
        case .bootcamp where name == "node" || name == "sh" && argv.last == "node server.js": return BootcampProgram(ctx: ctx)
        case .perl where name.hasPrefix("perl"), .python where name.hasPrefix("python"), .node where name == "node":
            return LanguageProgram(ctx: ctx, argv: argv)
        default: return nil
        }
    }
}

// The rest of the catalog's programs, chosen by the image's kind and the executable argv names.

extension ProgramFactory {
    static func moreServers(name: String, argv: [String], image: CatalogImage) -> Maker? {
        switch image.program {
        case .httpd where name == "httpd-foreground" || name == "httpd": return { HttpdProgram(ctx: $0, php: false) }
        case .hpaExample where name == "apache2-foreground": return { HttpdProgram(ctx: $0, php: true) }
        case .redis where name == "redis-server": return { RedisProgram(ctx: $0) }
        case .postgres where name == "postgres": return { DatabaseProgram(ctx: $0, kind: .postgres) }
        case .mysql where name == "mysqld": return { DatabaseProgram(ctx: $0, kind: .mysql) }
        case .mongo where name == "mongod": return { DatabaseProgram(ctx: $0, kind: .mongo) }
        case .cassandra where name == "cassandra": return { DatabaseProgram(ctx: $0, kind: .cassandra) }
        case .cassandraNode where name == "run.sh": return { CassandraNodeProgram(ctx: $0) }
        case .agnhost where name == "agnhost": return { AgnhostProgram(ctx: $0, args: Array(argv.dropFirst())) }
        case .echoServer where name == "node" || name == "nginx": return { EchoServerProgram(ctx: $0) }
        case .bootcamp where name == "node" || name == "sh" && argv.last == "node server.js": return { BootcampProgram(ctx: $0) }
        case .perl where name.hasPrefix("perl"), .python where name.hasPrefix("python"), .node where name == "node":
            return { LanguageProgram(ctx: $0, argv: argv) }
        default: return nil
        }
    }
}

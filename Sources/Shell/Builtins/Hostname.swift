// `hostname` (net-tools 3.23, as on Debian and Cloud Shell): the learner's workstation is called `kubetutor`, as
// its prompt says. It prints that name in every form that asks for a name (short, long, FQDN: the workstation has
// no DNS domain), its loopback address for `-i`, and refuses to rename the machine (the learner is not root).
// Usage and errors go where net-tools sends them, with its exit codes (255 for usage, 1 for a refused rename).

struct Hostname: ShellCommand {
    let name = "hostname"
    static let machineName = "kubetutor"

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        var show = Self.machineName
        var operands: [String] = []
        for a in args {
            switch a {
            case "-s", "--short", "-f", "--fqdn", "--long", "-A", "--all-fqdns": show = Self.machineName
            case "-i", "--ip-address": show = "127.0.0.1"
            case "-V", "--version":
                io.outLine("hostname 3.23")
                return 0
            case "-h", "--help":
                io.outLine(Self.usage)
                return 255
            default:
                if a.hasPrefix("--") {
                    io.errLine("hostname: unrecognized option '\(a)'")
                    io.outLine(Self.usage)
                    return 255
                }
                if a.hasPrefix("-"), a.count > 1 {
                    // A cluster of short options (`-si`): the last display option wins.
                    for letter in a.dropFirst() {
                        switch letter {
                        case "s", "f", "A": show = Self.machineName
                        case "i": show = "127.0.0.1"
                        default:
                            io.errLine("hostname: invalid option -- '\(letter)'")
                            io.outLine(Self.usage)
                            return 255
                        }
                    }
                    continue
                }
                operands.append(a)
            }
        }
        // A name to set: only root may; a display option with a name is a usage error.
        if operands.count == 1, args.count == 1 {
            io.errLine("hostname: you must be root to change the host name")
            return 1
        }
        if !operands.isEmpty {
            io.errLine(Self.usage)
            return 255
        }
        io.outLine(show)
        return 0
    }

    static let usage = """
    Usage: hostname [-b] {hostname|-F file}         set host name (from file)
           hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
           hostname                                 display host name

           {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)
           {yp,nis,}domainname                      display NIS domain name

           dnsdomainname                            display dns domain name

           hostname -V|--version|-h|--help          print info and exit

    Program name:
           {yp,nis,}domainname=hostname -y
           dnsdomainname=hostname -d

    Program options:
        -a, --alias            alias names
        -A, --all-fqdns        all long host names (FQDNs)
        -b, --boot             set default hostname if none available
        -d, --domain           DNS domain name
        -f, --fqdn, --long     long host name (FQDN)
        -F, --file             read host name or NIS domain name from given file
        -i, --ip-address       addresses for the host name
        -I, --all-ip-addresses all addresses for the host
        -s, --short            short host name
        -y, --yp, --nis        NIS/YP domain name

    Description:
       This command can get or set the host name or the NIS domain name. You can
       also get the DNS domain or the FQDN (fully qualified domain name).
       Unless you are using bind or NIS for host lookups you can change the
       FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
       part of the FQDN) in the /etc/hosts file.
    """
}

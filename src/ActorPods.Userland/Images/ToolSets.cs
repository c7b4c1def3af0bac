using ActorPods.Userland.Commands;

namespace ActorPods.Userland.Images;

/// <summary>Which utilities each flavour ships by default. busybox has its applets (wget, nc,
/// nslookup, ping, httpd) but no curl or bash; a Debian-style image has coreutils, grep, sed,
/// awk, bash, and no network tools unless the catalog adds them.</summary>
public static class ToolSets
{
    private static readonly string[] Busybox =
    {
        "sh", "ash", "echo", "printf", "true", "false", "sleep", "cat", "ls", "test", "[", "touch", "rm", "mkdir",
        "cp", "mv", "tee", "date", "env", "printenv", "hostname", "kill", "killall", "pidof", "nslookup", "ping",
        "wget", "nc", "grep", "egrep", "wc", "head", "tail", "cut", "sort", "uniq", "seq", "sed", "awk", "httpd",
        "pwd", "basename", "dirname", "ps", "id", "whoami", "uname", "chmod", "chown", "ln", "tr", "xargs", "yes",
        "stat", "rmdir", "find", "du", "df", "free", "uptime", "sync", "usleep", "watch", "timeout", "expr", "which",
        "nohup", "md5sum", "realpath", "readlink", "mktemp", "clear", "reset", "dd", "od", "rev", "tac", "vi",
    };

    private static readonly string[] Gnu =
    {
        "sh", "dash", "bash", "echo", "printf", "true", "false", "sleep", "cat", "ls", "test", "[", "touch", "rm",
        "mkdir", "cp", "mv", "tee", "date", "env", "printenv", "hostname", "kill", "grep", "egrep", "wc", "head",
        "tail", "cut", "sort", "uniq", "seq", "sed", "awk", "mawk", "pwd", "basename", "dirname", "id", "whoami",
        "uname", "chmod", "chown", "ln", "tr", "xargs", "yes", "stat", "rmdir", "find", "du", "df", "sync",
        "timeout", "expr", "which", "nohup", "md5sum", "realpath", "readlink", "mktemp", "dd", "od", "rev", "tac",
    };

    public static HashSet<string> For(Flavor flavor, ToolsDefinition? tools)
    {
        var set = new HashSet<string>(tools?.Only ?? (IEnumerable<string>)(flavor == Flavor.Gnu ? Gnu : Busybox), StringComparer.Ordinal);
        if (tools?.Add is not null) set.UnionWith(tools.Add);
        if (tools?.Remove is not null) set.ExceptWith(tools.Remove);
        return set;
    }
}

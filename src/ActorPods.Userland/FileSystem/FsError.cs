namespace ActorPods.Userland.FileSystem;

/// <summary>The errno values the simulated commands can meet.</summary>
public enum FsError
{
    None,
    NotFound,
    NotDirectory,
    IsDirectory,
    Exists,
    ReadOnly,
    Busy,
    NotEmpty,
    Invalid,
}

public static class FsErrors
{
    /// <summary>strerror() text; identical in musl/uclibc (busybox) and glibc except EBUSY.</summary>
    public static string Message(FsError e, bool gnu = false) => e switch
    {
        FsError.None => "Success",
        FsError.NotFound => "No such file or directory",
        FsError.NotDirectory => "Not a directory",
        FsError.IsDirectory => "Is a directory",
        FsError.Exists => "File exists",
        FsError.ReadOnly => "Read-only file system",
        FsError.Busy => gnu ? "Device or resource busy" : "Resource busy",
        FsError.NotEmpty => "Directory not empty",
        _ => "Invalid argument",
    };
}

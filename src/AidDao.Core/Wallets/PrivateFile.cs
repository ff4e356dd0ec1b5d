using System.Text;

namespace AidDao.Core.Wallets;

/// <summary>
/// Writes files that hold secrets: each write goes to a temporary file in the same directory (mode 0600 on Unix),
/// flushed to disk, then renamed into place, so a reader never sees half a file. Directories are created with mode 0700.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its missing parents) readable by its owner only; an existing directory is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerDirectory);
    }

    /// <summary>
    /// Writes <paramref name="contents"/> to a new file at <paramref name="path"/>; if a file is already there (even one
    /// that appears while writing), it is kept and an <see cref="AidDaoInputException"/> says so.
    /// </summary>
    public static void Create(string path, string contents) => Write(path, contents, overwrite: false);

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/>, atomically replacing what was there.</summary>
    public static void Replace(string path, string contents) => Write(path, contents, overwrite: true);

    private static void Write(string path, string contents, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        if (!overwrite && Exists(full)) throw AlreadyExists(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerFile;
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(contents));
                stream.Flush(flushToDisk: true);
            }
            // Without overwrite, .NET moves by hard link + unlink on Unix, which fails if the target appeared meanwhile.
            File.Move(temporary, full, overwrite);
        }
        catch (IOException) when (!overwrite && Exists(full))
        {
            throw AlreadyExists(path);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static AidDaoInputException AlreadyExists(string path) =>
        new($"{path} already exists; AidDao never overwrites it: choose another path or move that file away.");
}

using System.Globalization;
using System.Text;

namespace StageBox.Hal.Mounts;

/// <summary>
/// Parses one line of mountinfo (proc(5)):
/// <c>36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue</c>.
/// Fields are separated by single spaces; the kernel writes a space, tab, newline or backslash
/// inside a field as a three-digit octal escape (\040, \011, \012, \134), so a mount point
/// holding a space still splits cleanly.
/// </summary>
internal static class MountInfoLine
{
    private const string Separator = "-";

    /// <exception cref="FormatException">The line is not in mountinfo's format.</exception>
    public static MountEntry Parse(string line)
    {
        string[] fields = line.Split(' ');
        // Six fixed fields, any number of optional ones, the separator, then three more.
        int separator = fields.Length < 10 ? -1 : Array.IndexOf(fields, Separator, 6);
        if (separator < 0 || fields.Length - separator != 4)
            throw new FormatException($"not a mountinfo line (expected 6 fields, optional fields, '-' and 3 more): '{line}'");
        (int major, int minor) = DeviceNumber(fields[2], line);
        return new MountEntry(
            MountId: Number(fields[0], "mount ID", line),
            ParentId: Number(fields[1], "parent ID", line),
            Major: major,
            Minor: minor,
            Root: Unescape(fields[3]),
            MountPoint: Unescape(fields[4]),
            MountOptions: fields[5],
            OptionalFields: string.Join(' ', fields[6..separator]),
            FileSystemType: Unescape(fields[separator + 1]),
            Source: Unescape(fields[separator + 2]),
            SuperOptions: fields[separator + 3]);
    }

    /// <summary>Turns each \ooo (three octal digits) back into its byte; the bytes are UTF-8, as the kernel keeps names.</summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        byte[] raw = Encoding.UTF8.GetBytes(field);
        var bytes = new List<byte>(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && IsOctal(raw, i + 1))
            {
                bytes.Add((byte)((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add(raw[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(byte[] raw, int at) =>
        at + 2 < raw.Length && raw[at] is >= (byte)'0' and <= (byte)'3' && raw[at + 1] is >= (byte)'0' and <= (byte)'7' && raw[at + 2] is >= (byte)'0' and <= (byte)'7';

    private static (int Major, int Minor) DeviceNumber(string field, string line)
    {
        string[] parts = field.Split(':');
        if (parts.Length != 2) throw new FormatException($"the device number '{field}' is not MAJOR:MINOR in '{line}'");
        return (Number(parts[0], "major device number", line), Number(parts[1], "minor device number", line));
    }

    private static int Number(string field, string what, string line) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"the {what} '{field}' is not a number in '{line}'");
}

namespace StageBox.Media.AudioFiles;

/// <summary>The audio formats the box takes, as libsndfile finds them in a file's content (never by its name).</summary>
public enum AudioFormat
{
    Wav,
    Aiff,
    Flac,
    Ogg,
    Mp3,
}

/// <summary>
/// Which of libsndfile's major formats the box accepts, and the names each is usually given.
/// libsndfile decodes some twenty more (Sun AU, IRCAM, MAT, PAF, VOC...), each a parser of its
/// own that no DAW exports to and a hostile stick could aim at; those are refused.
/// </summary>
public static class AudioFormats
{
    private const int MajorMask = 0x0FFF0000; // SF_FORMAT_TYPEMASK

    /// <summary>The accepted format of a libsndfile format code, or null for any other (its name in <paramref name="other"/>).</summary>
    public static AudioFormat? FromSndFile(int format, out string other)
    {
        other = "";
        switch (format & MajorMask)
        {
            // WAVEX is WAV with WAVE_FORMAT_EXTENSIBLE, which DAWs write for 24-bit and multichannel files.
            case 0x010000 or 0x130000: return AudioFormat.Wav;
            case 0x020000: return AudioFormat.Aiff;
            case 0x170000: return AudioFormat.Flac;
            case 0x200000: return AudioFormat.Ogg;
            case 0x230000: return AudioFormat.Mp3;
            default:
                other = (format & MajorMask) switch
                {
                    0x030000 => "Sun/NeXT AU",
                    0x040000 => "raw PCM",
                    0x0B0000 => "Sony Wave64",
                    0x180000 => "Apple CAF",
                    0x220000 => "RF64",
                    int major => $"libsndfile format 0x{major:X6}",
                };
                return null;
        }
    }

    /// <summary>How the format is named to a technician.</summary>
    public static string Name(AudioFormat format) => format switch
    {
        AudioFormat.Wav => "WAV",
        AudioFormat.Aiff => "AIFF",
        AudioFormat.Flac => "FLAC",
        AudioFormat.Ogg => "Ogg",
        _ => "MP3",
    };

    /// <summary>The file name extensions a file of the format is usually given (lower case, with the dot).</summary>
    public static IReadOnlyList<string> Extensions(AudioFormat format) => format switch
    {
        AudioFormat.Wav => [".wav", ".wave", ".bwf"],
        AudioFormat.Aiff => [".aif", ".aiff", ".aifc"],
        AudioFormat.Flac => [".flac"],
        AudioFormat.Ogg => [".ogg", ".oga"],
        _ => [".mp3"],
    };

    /// <summary>Whether <paramref name="path"/>'s name says what its content is.</summary>
    public static bool NameFits(string path, AudioFormat format) =>
        Extensions(format).Contains(Path.GetExtension(path).ToLowerInvariant());
}

using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using StageBox.Hal;
using StageBox.Hal.Native;
using StageBox.Media.Wav;

namespace StageBox.Tests.Hal;

/// <summary>
/// NativeBindings against StageBox.Hal as the image runs it: compiled ReadyToRun by crossgen2 (as
/// image/build.sh publishes it) and loaded into a context of its own, where none of its P/Invokes
/// has been called yet. Compiled so, each P/Invoke binds its native function at its own first
/// call and allocates on the calling thread, whatever Marshal.Prelink did; in the JIT build these
/// tests otherwise run, Prelink binds them all and the difference never shows (issue 23: the
/// image's first xrun allocated 56 bytes on the audio thread in snd_pcm_recover).
/// </summary>
public sealed unsafe class NativeBindingsTests : IDisposable
{
    private readonly TempDirectory _work = new();

    [Fact]
    public void In_a_ReadyToRun_build_the_audio_threads_rare_native_calls_allocate_nothing_at_their_first_call_once_bound()
    {
        Assembly hal = ReadyToRunHal();
        Type libAsound = hal.GetType(typeof(NativeBindings).Namespace + ".LibAsound", throwOnError: true)!;
        Type libc = hal.GetType(typeof(NativeBindings).Namespace + ".Libc", throwOnError: true)!;
        object?[] open = [null, "null", 0, 0];   // snd_pcm_open(&pcm, "null", SND_PCM_STREAM_PLAYBACK, 0)
        Assert.Equal(0, (int)libAsound.GetMethod("Open")!.Invoke(null, open)!);
        nint pcm = (nint)open[0]!;
        var errorText = (delegate*<int, nint>)EntryOf(libAsound, "ErrorTextPointer");
        var recover = (delegate*<nint, int, int, int>)EntryOf(libAsound, "Recover");
        var rewindable = (delegate*<nint, long>)EntryOf(libAsound, "Rewindable");
        var rewind = (delegate*<nint, ulong, long>)EntryOf(libAsound, "Rewind");
        var sleepUntil = (delegate*<int, int, void*, void*, int>)EntryOf(libc, "ClockNanoSleep");
        var close = (delegate*<nint, int>)EntryOf(libAsound, "Close");

        // That this build binds at the first call, allocating: snd_strerror, a call NativeBindings leaves alone.
        long unbound = OnAThreadOfItsOwn(() => Allocations.During(() => errorText(0)));
        Assert.True(unbound > 0, "the first call of a P/Invoke compiled ReadyToRun allocated nothing; this test no longer sees what it guards against");

        hal.GetType(typeof(NativeBindings).FullName!, throwOnError: true)!.GetMethod(nameof(NativeBindings.BindAudioThreadCalls))!.Invoke(null, null);
        string[] calls = ["snd_pcm_recover", "snd_pcm_rewindable", "snd_pcm_rewind", "clock_nanosleep", "snd_pcm_close"];
        long[] allocated = OnAThreadOfItsOwn(() => new[]
        {
            Allocations.During(() => recover(pcm, -Libc.InterruptedError, 1)),
            Allocations.During(() => rewindable(pcm)),
            Allocations.During(() => rewind(pcm, 0)),
            Allocations.During(() =>
            {
                var longPast = new Libc.TimeSpec();
                sleepUntil(Libc.ClockMonotonic, Libc.TimerAbsoluteTime, &longPast, null);
            }),
            Allocations.During(() => close(pcm)),
        });

        Assert.True(allocated.All(bytes => bytes == 0),
            $"first calls on a thread after NativeBindings.BindAudioThreadCalls: {string.Join(", ", calls.Zip(allocated, (call, bytes) => $"{call} {bytes} bytes"))}");
    }

    /// <summary>The test's StageBox.Hal compiled ReadyToRun, loaded on its own (its StageBox.Hal.Abstractions and StageBox.Media are the test's).</summary>
    private Assembly ReadyToRunHal()
    {
        string crossgen = typeof(NativeBindingsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Crossgen2").Value!;
        Assert.True(File.Exists(crossgen), $"no crossgen2 at {crossgen}: restore the test project (it downloads the package)");
        string compiled = _work.File("StageBox.Hal.dll");
        var start = new ProcessStartInfo(crossgen)
        {
            ArgumentList =
            {
                typeof(NativeBindings).Assembly.Location, $"-o:{compiled}", "-O", "--targetos:linux",
                $"--targetarch:{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}",
                $"-r:{Path.Join(Path.GetDirectoryName(typeof(object).Assembly.Location), "*.dll")}",
                $"-r:{typeof(IPcmOutput).Assembly.Location}",
                $"-r:{typeof(WavWriter).Assembly.Location}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process compile = Process.Start(start)!;
        Task<string> output = compile.StandardOutput.ReadToEndAsync(), errors = compile.StandardError.ReadToEndAsync();
        compile.WaitForExit();
        Assert.True(compile.ExitCode == 0, $"crossgen2 failed ({compile.ExitCode}): {output.Result}{errors.Result}");
        return new AssemblyLoadContext("StageBox.Hal compiled ReadyToRun").LoadFromAssemblyPath(compiled);
    }

    /// <summary>Where a call of the method goes, as a direct call of it from compiled code does.</summary>
    private static nint EntryOf(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.MethodHandle.GetFunctionPointer();

    private static T OnAThreadOfItsOwn<T>(Func<T> measure)
    {
        T result = default!;
        var thread = new Thread(() => result = measure());
        thread.Start();
        thread.Join();
        return result;
    }

    public void Dispose() => _work.Dispose();
}

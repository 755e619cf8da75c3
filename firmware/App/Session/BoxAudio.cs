using System.Runtime;
using StageBox.App.Pair;
using StageBox.Engine.Mixing;
using StageBox.Engine.Transport;
using StageBox.Hal;
using StageBox.Hal.Native;
using StageBox.Redundancy.Roles;
using StageBox.Show.Playback;

namespace StageBox.App.Session;

/// <summary>
/// The audio path of a running box, made ready to play: the engine over the setlist, the stems
/// read ahead, the engine warmed up, the garbage of the start-up collected, the render loop
/// (engine, mix stages, in a pair the lockstep stage) and the pair's node. Not started: the
/// caller starts the loop once the services are built.
/// </summary>
internal sealed class BoxAudio : IDisposable
{
    /// <summary>Longer than any read of a song's first half second and its heads; past it the box plays and says so.</summary>
    private static readonly TimeSpan ReadAheadStartLimit = TimeSpan.FromSeconds(10);

    private BoxAudio(PlaybackEngine engine, StemReadAhead readAhead, RenderLoop loop, RedundancyNode? node)
    {
        Engine = engine;
        ReadAhead = readAhead;
        Loop = loop;
        Node = node;
    }

    public PlaybackEngine Engine { get; }
    public StemReadAhead ReadAhead { get; }
    public RenderLoop Loop { get; }

    /// <summary>This box's side of the pair, running on its own thread; null for a box on its own.</summary>
    public RedundancyNode? Node { get; }

    public static BoxAudio Prepare(IPcmOutput output, IReadOnlyList<SetlistSlot> setlist, StemStreams streams, AudioThreadSetup threadSetup,
        RedundantPair? pair, IReadOnlyList<IMixStage> mixStages)
    {
        var engine = new PlaybackEngine(setlist, output.Format, output.PeriodFrames);
        var readAhead = new StemReadAhead(streams, engine.Position, () => engine.OfferedSetlist);
        readAhead.Start();
        if (!readAhead.WaitUntilReady(ReadAheadStartLimit))
            Console.Error.WriteLine($"stagebox: warning: the streamed stems were not read ahead within {ReadAheadStartLimit.TotalSeconds:0} s");
        // After the read-ahead: the warm-up then mixes streamed blocks that are there as well as ones that are not.
        EngineWarmUp.Run(setlist, output.Format, output.PeriodFrames);
        NativeBindings.BindAudioThreadCalls();
        // The start-up's garbage (show parsing, preparation, the warm-up) goes now, in one compacting
        // collection, not in a long pause later that holds the audio thread as it comes back from a
        // write; from here on the GC avoids blocking full collections.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        var loop = new RenderLoop(new MixChain(engine, mixStages), output, threadSetup.ApplyToAudioThread, pair?.Stage);
        RedundancyNode? node = pair?.Start(engine, loop.Health, threadSetup.RealtimePriority, message => Console.WriteLine($"redundancy: {message}"));
        return new BoxAudio(engine, readAhead, loop, node);
    }

    /// <summary>Stops the audio thread (before the caller closes the output), then the read-ahead.</summary>
    public void Dispose()
    {
        Loop.Dispose();
        ReadAhead.Dispose();
    }
}

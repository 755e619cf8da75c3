using BenchmarkDotNet.Running;
using StageBox.Benchmarks;

// `make bench` measures the render tail under GC load, the stage screen's SPI traffic, an import
// beside playback and streaming playback's memory and readiness, then runs every BenchmarkDotNet
// benchmark, a redundant pair's lockstep over ten minutes, and a pair's heartbeats under a flood.
// `make bench ARGS=gc-load`, `ARGS=display`, `ARGS=import`, `ARGS=stream`, `ARGS=lockstep` or `ARGS=flood` runs one of
// those alone; `make bench ARGS="--filter *Render*"` picks BenchmarkDotNet benchmarks alone.
var measurements = new Dictionary<string, Action>
{
    ["gc-load"] = () => RenderUnderGcLoad.Run(TimeSpan.FromSeconds(20)),
    ["display"] = () => ScreenTraffic.Run(TimeSpan.FromSeconds(60)),
    ["import"] = ImportBesidePlayback.Run,
    ["stream"] = StreamingShow.Run,
    ["lockstep"] = () => LockstepRun.Run(TimeSpan.FromMinutes(Environment.GetEnvironmentVariable("LOCKSTEP_MINUTES") is string m ? double.Parse(m) : 10)),
    ["flood"] = FloodRun.Run,
};
bool everything = args.Length == 0;
foreach ((string name, Action measure) in measurements)
    if (everything || args is [var only] && only == name) measure();
if (everything || !(args is [var one] && measurements.ContainsKey(one))) BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(everything ? ["--filter", "*"] : args);

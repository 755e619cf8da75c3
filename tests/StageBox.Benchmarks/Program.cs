using BenchmarkDotNet.Running;
using StageBox.Benchmarks;

// `make bench` measures the render tail under GC load, the stage screen's SPI traffic and an
// import beside playback, then runs every BenchmarkDotNet benchmark. `make bench ARGS=gc-load`,
// `ARGS=display` or `ARGS=import` runs one of the first three alone; `make bench ARGS="--filter *Render*"`
// picks BenchmarkDotNet benchmarks alone.
bool everything = args.Length == 0;
bool gcLoadOnly = args is ["gc-load"], displayOnly = args is ["display"], importOnly = args is ["import"];
if (everything || gcLoadOnly) RenderUnderGcLoad.Run(TimeSpan.FromSeconds(20));
if (everything || displayOnly) ScreenTraffic.Run(TimeSpan.FromSeconds(60));
if (everything || importOnly) ImportBesidePlayback.Run();
if (!gcLoadOnly && !displayOnly && !importOnly) BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(everything ? ["--filter", "*"] : args);

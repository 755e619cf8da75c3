using BenchmarkDotNet.Running;
using StageBox.Benchmarks;

// `make bench` measures the render tail under GC load and the stage screen's SPI traffic, then
// runs every BenchmarkDotNet benchmark. `make bench ARGS=gc-load` or `ARGS=display` runs one of
// the first two alone; `make bench ARGS="--filter *Render*"` picks BenchmarkDotNet benchmarks alone.
bool everything = args.Length == 0, gcLoadOnly = args is ["gc-load"], displayOnly = args is ["display"];
if (everything || gcLoadOnly) RenderUnderGcLoad.Run(TimeSpan.FromSeconds(20));
if (everything || displayOnly) ScreenTraffic.Run(TimeSpan.FromSeconds(60));
if (!gcLoadOnly && !displayOnly) BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(everything ? ["--filter", "*"] : args);

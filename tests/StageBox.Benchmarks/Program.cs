using BenchmarkDotNet.Running;
using StageBox.Benchmarks;

// `make bench` measures the render tail under GC load, then runs every BenchmarkDotNet
// benchmark. `make bench ARGS=gc-load` runs the first alone; `make bench ARGS="--filter *Render*"`
// picks BenchmarkDotNet benchmarks alone.
bool everything = args.Length == 0, gcLoadOnly = args is ["gc-load"];
if (everything || gcLoadOnly) RenderUnderGcLoad.Run(TimeSpan.FromSeconds(20));
if (!gcLoadOnly) BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(everything ? ["--filter", "*"] : args);

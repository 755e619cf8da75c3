using BenchmarkDotNet.Running;

// `make bench` runs every benchmark; `make bench ARGS="--filter *Render*"` picks some.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length > 0 ? args : ["--filter", "*"]);

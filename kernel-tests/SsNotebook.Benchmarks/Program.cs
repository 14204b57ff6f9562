using SsNotebook.Benchmarks;

return BenchmarkApp.Run(args);

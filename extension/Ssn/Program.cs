namespace SsNotebook.Cli;

internal static class Program
{
    private static int Main(string[] args) =>
        throw new NotImplementedException("owned by the command-line work");
}

using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Support;

/// <summary>The ssn program run in this process (SsApplication.Run), compact layout: its status, stdout and stderr.</summary>
public static class InProcessSs
{
    public static (int Exit, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exit = SsApplication.Run(arguments, TextReader.Null, output, error, new SsEnvironment(), TextLayout.Compact);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}

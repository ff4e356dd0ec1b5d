using System.Text;

namespace AidDao.Cli.Commands;

/// <summary>Asks for a secret on the terminal without echoing what is typed; used only when standard input is a terminal.</summary>
internal static class HiddenPrompt
{
    /// <summary>Whether a person can be asked: standard input is a terminal, not a pipe or file.</summary>
    public static bool Available => !Console.IsInputRedirected;

    /// <summary>Writes <paramref name="prompt"/> to <paramref name="writer"/> (standard error) and reads one line with echo off.</summary>
    public static string Read(TextWriter writer, string prompt, CancellationToken cancellationToken)
    {
        writer.Write(prompt);
        writer.Flush();
        var typed = new StringBuilder();
        while (true)
        {
            // Poll so that Ctrl-C (which cancels the token) stops the prompt instead of waiting for a key.
            while (!Console.KeyAvailable)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    writer.WriteLine();
                    cancellationToken.ThrowIfCancellationRequested();
                }
                Thread.Sleep(20);
            }
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0) typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        writer.WriteLine();
        return typed.ToString();
    }
}

namespace Corpus.Dedup.Text;

/// <summary>Articles keep one paragraph per line; repeated-line removal works on those lines.</summary>
public static class LineSplitter
{
    public static string[] Lines(string text) => text.Split('\n');
}

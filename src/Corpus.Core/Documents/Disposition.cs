namespace Corpus.Core.Documents;

/// <summary>Where a document ends up. Every input document ends in exactly one of these.</summary>
public enum Disposition
{
    Kept,
    /// <summary>Dropped by a named rule; <see cref="Document.ExclusionRule"/> and <see cref="Document.ExclusionValue"/> say why.</summary>
    Excluded,
    /// <summary>A copy of another document; <see cref="Document.DuplicateOf"/> names the one that was kept.</summary>
    Duplicate,
    /// <summary>Could not be fetched or processed; <see cref="Document.Error"/> says what went wrong.</summary>
    Failed,
}

public static class DispositionNames
{
    public static string ToName(this Disposition disposition) => disposition switch
    {
        Disposition.Kept => "kept",
        Disposition.Excluded => "excluded",
        Disposition.Duplicate => "duplicate",
        Disposition.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(disposition)),
    };
}

namespace Corpus.Annotation.Language;

/// <summary>
/// The language of one document: <see cref="Code"/> (ISO 639-1 or <c>und</c>) with <see cref="Score"/> after page
/// evidence, what the first-stage detector alone said (<see cref="DetectorCode"/>), and whether a fifth or more of the
/// text is in another language (<see cref="Mixed"/>). <see cref="TextCode"/> is the text's own answer before page
/// evidence: the discriminator's between Indonesian and Malay when it ran, else the detector's.
/// </summary>
public sealed record LanguageResult(string Code, double Score, string DetectorCode, double DetectorScore, bool Mixed)
{
    public string TextCode { get; init; } = DetectorCode;
}

namespace Corpus.Annotation.Language;

/// <summary>
/// The language of one document: <see cref="Code"/> (ISO 639-1 or <c>und</c>) with <see cref="Score"/> after page
/// evidence, what the detector alone said (<see cref="DetectorCode"/>), and whether a fifth or more of the text is in
/// another language (<see cref="Mixed"/>).
/// </summary>
public sealed record LanguageResult(string Code, double Score, string DetectorCode, double DetectorScore, bool Mixed);

#include "ErrorCatalog.h"

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
// Salesforce is not consistent about case and a trailing period (the CLI printed
// "polling too quickly for the token endpoint."), so descriptions are compared loosely.
QString normalized(QString text)
{
    text = text.trimmed();
    while (text.endsWith(u'.'))
        text.chop(1);
    return text.toLower();
}

ErrorCatalog::Explanation byKind(const FlowError &e)
{
    switch (e.kind) {
    case FlowError::Kind::Transport:
        return {u"No HTTP answer came back: the host did not resolve, refused the connection, or dropped it."_s,
                u"Check the host name in the Login URL (a typo, or a My Domain renamed since) and your network or proxy."_s,
                false};
    case FlowError::Kind::Tls:
        return {u"The TLS handshake failed, so nothing was sent."_s,
                u"Check the URL's host name and any TLS-inspecting proxy on your network."_s, false};
    case FlowError::Kind::Timeout:
        return {u"The server did not answer in time."_s,
                u"Try again. A host that never answers usually sits behind a firewall or proxy that drops the "
                "request; on a slow network, `ecalab run --timeout SECONDS` waits longer."_s,
                false};
    case FlowError::Kind::Protocol:
        return {u"The server answered with something that is not a valid OAuth response."_s,
                u"Look at the response in the Traffic tab; a proxy or a wrong URL often causes this."_s, false};
    default: return {};
    }
}
} // namespace

ErrorCatalog::Explanation ErrorCatalog::explain(const QString &error, const QString &description, const QString &flow)
{
    return explainIn(entries(), error, description, flow);
}

ErrorCatalog::Explanation ErrorCatalog::explainIn(const QList<Entry> &table, const QString &error,
                                                  const QString &description, const QString &flow)
{
    const QString wanted = normalized(description);
    const Entry *best = nullptr;
    int bestScore = -1;
    for (const Entry &entry : table) {
        if (entry.error.compare(error, Qt::CaseInsensitive) != 0)
            continue;
        if (!entry.flow.isEmpty() && entry.flow != flow)
            continue;
        if (!entry.description.isEmpty() && normalized(entry.description) != wanted)
            continue;
        const int score = (entry.flow.isEmpty() ? 0 : 2) + (entry.description.isEmpty() ? 0 : 1);
        if (score > bestScore) {
            best = &entry;
            bestScore = score;
        }
    }
    if (best)
        return {best->explanation, best->fix, true};
    return {u"Salesforce refused with \"%1\"%2. ECA Lab has no explanation for this answer yet."_s.arg(
                error, description.isEmpty() ? QString() : u" (\"%1\")"_s.arg(description)),
            u"Read the response in the Traffic tab and check the app's OAuth settings and policies."_s, false};
}

void ErrorCatalog::annotate(FlowError &e, const QString &flow)
{
    if (!e.check.isEmpty())
        return; // failedCheck() wrote the whole explanation

    const Explanation found = e.error.isEmpty() ? byKind(e) : explain(e.error, e.errorDescription, flow);
    if (e.explanation.isEmpty())
        e.explanation = found.explanation;
    else if (e.error.isEmpty() && !found.explanation.isEmpty())
        e.explanation = found.explanation + u" Details: "_s + e.explanation;
    if (e.fix.isEmpty())
        e.fix = found.fix;
}

FlowError ErrorCatalog::failedCheck(const QString &check, const QString &stage, const QString &problem)
{
    FlowError e;
    e.kind = FlowError::Kind::Protocol;
    e.stage = stage;
    e.check = check;
    if (check == u"signature") {
        e.explanation = problem + u" The token arrived, but its signature (HMAC-SHA256 of id + issued_at, §1.5) is not "
                                  "the one this consumer secret gives: the profile holds another app's or an old secret, "
                                  "a proxy rewrote the answer, or the answer came from a different org."_s;
        e.fix = u"Copy the consumer secret again (the app's OAuth Settings → Consumer Key and Secret) and check that "
                "Login URL is this org's My Domain; if both are right, compare the response in the Traffic tab with "
                "what the org sent."_s;
    } else {
        e.explanation = problem + u". A token that fails these checks is no proof of who signed in "
                                  "(OpenID Connect Core §3.1.3.7)."_s;
        e.fix = u"A failed signature or unknown kid: the token came from another org, or its keys rotated. A wrong iss "
                "or aud: check Login URL and the consumer key. exp or iat: check this computer's clock."_s;
    }
    return e;
}

} // namespace ecalab

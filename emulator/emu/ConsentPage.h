#pragma once

#include "FormData.h"
#include "Html.h"

#include <QStringList>

namespace ecalab::emu {

// What the consent ("Allow Access?") page shows and where it posts.
struct ConsentForm
{
    QString action; // the full path the form posts to
    Html::Fields hidden;
    QString appLabel;
    QString username;
    QStringList scopes; // protocol names, described in words on the page
};

enum class ConsentDecision { None, Allow, Deny };

// The consent page of the HTML contract: submit buttons id/name "oaapprove" (Allow) and
// "oadeny" (Deny) in one form, so the button pressed is the decision.
class ConsentPage
{
public:
    static ConsentDecision decision(const Params &params);
    static HttpReply render(const ConsentForm &form);
    static QString describeScope(const QString &scope); // "api" → "Manage user data via APIs (api)"
};

} // namespace ecalab::emu

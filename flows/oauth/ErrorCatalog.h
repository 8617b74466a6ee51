#pragma once

#include "oauth/FlowError.h"

#include <QList>
#include <QString>

namespace ecalab {

// Maps what Salesforce says (§10.2 `error` / `error_description`, REST error codes, page codes)
// to what it means and how to fix it, in the admin's words and Setup menu names.
class ErrorCatalog
{
public:
    struct Entry
    {
        QString error;
        QString description; // empty: any description
        QString flow;        // empty: any flow; else a flow name such as "client-credentials"
        QString explanation;
        QString fix;
    };
    struct Explanation
    {
        QString explanation;
        QString fix;
        bool known = false;
    };

    static const QList<Entry> &entries();
    // Most specific match wins: flow + error + description, then error + description, then error alone.
    static Explanation explain(const QString &error, const QString &description, const QString &flow = {});
    static Explanation explainIn(const QList<Entry> &table, const QString &error, const QString &description,
                                 const QString &flow);
    // Fills explanation/fix of `e` (from its error/description, or from its kind when there is none).
    static void annotate(FlowError &e, const QString &flow = {});
    // A check on the result that failed (`check` "signature" or "id_token"): a Protocol error that
    // says what the failure usually means and where to look.
    static FlowError failedCheck(const QString &check, const QString &stage, const QString &problem);
};

} // namespace ecalab

#pragma once

#include <QString>

namespace ecalab::emu {

// Salesforce record IDs: 15 case-sensitive characters, or 18 with a 3-character case-safe suffix.
// Each suffix character encodes which of 5 characters of the 15-char ID are upper-case letters.
class SalesforceId
{
public:
    static QString suffix(QStringView id15); // the 3-character checksum of a 15-character ID
    static QString to18(QStringView id);     // 15 → 18 (an 18-char ID is returned as is)
    static QString to15(QStringView id);     // 18 → 15
    // True when `id` is 15 or 18 alphanumerics starting with `keyPrefix` (e.g. "00D", "005")
    // and, for 18 characters, the suffix matches; otherwise `why` says what is wrong.
    static bool isValid(QStringView id, QStringView keyPrefix, QString *why = nullptr);
    static bool sameId(QStringView a, QStringView b); // compares 15- and 18-char forms
};

} // namespace ecalab::emu

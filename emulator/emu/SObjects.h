#pragma once

#include "Context.h"
#include "ResponseFormat.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ecalab::emu {

// The records the emulator's REST API can read (§11: what the Salesforce CLI and client
// libraries read after a login): the org's Organization record and its Users, with the fields
// of the org model under their sObject API names. Names are matched case-insensitively, as
// Salesforce matches them; answers use the canonical spelling.
class SObjects
{
public:
    explicit SObjects(const EmulatorContext &context) : m_context(context) {}

    static std::optional<QString> canonicalType(QStringView name);                        // "user" → "User"
    static std::optional<QString> canonicalField(const QString &type, QStringView field); // "username" → "Username"
    static QStringList fields(const QString &type);
    static QString apexType(const QString &type, const QString &field); // "Id", "String", "Boolean", "Datetime"
    static QString keyPrefix(const QString &type);                      // "00D", "005"

    // Every record of `type` with all its fields, Id first, in a stable order.
    QList<Fields> records(const QString &type) const;
    std::optional<Fields> record(const QString &type, QStringView id) const; // a 15- or 18-char Id
    // {"type","url"} as Salesforce puts it first in every record it returns.
    static QJsonObject attributes(const QString &type, const QString &id18, const QString &apiVersion);

    // What a real org holds and the seed does not describe (the emulator's choice): the org's
    // edition and the instance it runs on.
    static constexpr char16_t kOrganizationType[] = u"Developer Edition";
    static constexpr char16_t kInstanceName[] = u"EMU1";

private:
    Fields organization() const;
    static Fields user(const User &user);

    const EmulatorContext &m_context;
};

} // namespace ecalab::emu

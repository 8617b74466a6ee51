#include "SalesforceId.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr char16_t kSuffixAlphabet[] = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

bool isAsciiAlphanumeric(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}
} // namespace

QString SalesforceId::suffix(QStringView id15)
{
    QString result;
    for (int chunk = 0; chunk < 3; ++chunk) {
        int bits = 0;
        for (int i = 0; i < 5; ++i) {
            const qsizetype at = chunk * 5 + i;
            const QChar c = at < id15.size() ? id15.at(at) : QChar();
            if (c >= u'A' && c <= u'Z')
                bits |= 1 << i;
        }
        result += QChar(kSuffixAlphabet[bits]);
    }
    return result;
}

QString SalesforceId::to18(QStringView id)
{
    if (id.size() == 18)
        return id.toString();
    return id.toString() + suffix(id);
}

QString SalesforceId::to15(QStringView id)
{
    return id.left(15).toString();
}

bool SalesforceId::isValid(QStringView id, QStringView keyPrefix, QString *why)
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (id.size() != 15 && id.size() != 18)
        return fail(u"must be 15 or 18 characters, not %1"_s.arg(id.size()));
    for (QChar c : id) {
        if (!isAsciiAlphanumeric(c))
            return fail(u"may contain only letters and digits"_s);
    }
    if (!id.startsWith(keyPrefix))
        return fail(u"must start with %1"_s.arg(keyPrefix));
    if (id.size() == 18 && id.mid(15).compare(suffix(id.left(15)), Qt::CaseInsensitive) != 0)
        return fail(u"has the suffix %1, but the 15-character ID needs %2"_s.arg(id.mid(15), suffix(id.left(15))));
    return true;
}

bool SalesforceId::sameId(QStringView a, QStringView b)
{
    return !a.isEmpty() && a.left(15) == b.left(15);
}

} // namespace ecalab::emu

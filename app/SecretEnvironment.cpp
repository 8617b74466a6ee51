#include "SecretEnvironment.h"

#include <QHash>

namespace ecalab::app::SecretEnvironment {

using namespace Qt::Literals::StringLiterals;

namespace {
QHash<QString, QString> &taken()
{
    static QHash<QString, QString> values;
    return values;
}
} // namespace

const QStringList &names()
{
    static const QStringList list{u"ECALAB_CLIENT_SECRET"_s,           QString::fromUtf16(kPasswordName),
                                   QString::fromUtf16(kNewPasswordName), QString::fromUtf16(kInitTokenName),
                                   u"ECALAB_KEY_PASSPHRASE"_s,          QString::fromUtf16(kRefreshTokenName)};
    return list;
}

void takeFromProcess()
{
    for (const QString &name : names()) {
        const QByteArray key = name.toLatin1();
        if (!qEnvironmentVariableIsSet(key.constData()))
            continue;
        taken().insert(name, qEnvironmentVariable(key.constData()));
        qunsetenv(key.constData());
    }
}

QString value(const QString &name)
{
    return taken().value(name);
}

QByteArray keyPassphrase()
{
    return value(QString::fromUtf16(kKeyPassphraseName)).toUtf8();
}

} // namespace ecalab::app::SecretEnvironment

#pragma once

#include "CommandLine.h"

#include "core/Expected.h"
#include "oauth/FlowError.h"
#include "profile/Profile.h"
#include "profile/SecretStore.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace ecalab::app {

// The profile a command runs with, found the one way `ecalab run` and `ecalab token` share: a
// saved profile (its client secret, key passphrase and kept refresh token from the keychain), a
// profile file, or nothing but --set; then the --set overrides (a secret given with --set warns),
// the secrets of the environment, and the warnings about unknown fields.
class ProfileResolver : public QObject
{
    Q_OBJECT
public:
    struct Resolved
    {
        Profile profile;
        QHash<QString, QString> answers; // prompt id → answer: --set ID=VALUE, else the environment
    };
    using Done = std::function<void(Expected<Resolved, FlowError>)>;

    struct Request
    {
        QString profile;                     // --profile NAME|FILE, empty for none
        QList<QPair<QString, QString>> sets; // --set KEY=VALUE
        QStringList answerIds;               // --set keys that answer a prompt instead of setting a field
        QString setFix;                      // the fix for an unknown --set key ("`ecalab run X --help` lists …")
    };

    explicit ProfileResolver(QObject *parent = nullptr);
    ~ProfileResolver() override;

    void resolve(Request request, Done done); // `done` runs once, later on the event loop or at once

    // The setup stage of the errors resolve() reports.
    static QString setupStage();

private:
    void readSavedSecrets(const QString &profileName);
    void readSaved(const QString &profileName, int index);
    void applyOverrides();

    Request m_request;
    Done m_done;
    Profile m_profile;
    QHash<QString, QString> m_saved; // prompt id → the saved profile's answer from the keychain
    std::unique_ptr<SecretStore> m_secrets;
};

// The environment variable that carries the secret a --set KEY would put in the process list, or
// empty when KEY is no secret.
QString secretVariableFor(const QString &key);

} // namespace ecalab::app

#include "ProfileResolver.h"

#include "Console.h"
#include "SecretEnvironment.h"
#include "SecretStores.h"

#include "profile/ProfileStore.h"

#include <QFileInfo>

#include <utility>

namespace ecalab::app {

using namespace Qt::Literals::StringLiterals;

namespace {
bool looksLikeFile(const QString &value)
{
    return value.contains(u'/') || value.contains(u'\\') || value.endsWith(u".json", Qt::CaseInsensitive);
}

// Prompts the environment answers when --set does not: (prompt id, variable).
const QList<QPair<QString, QString>> &environmentAnswers()
{
    static const QList<QPair<QString, QString>> pairs{
        {u"passphrase"_s, QString::fromUtf16(SecretEnvironment::kKeyPassphraseName)},
        {u"refreshToken"_s, QString::fromUtf16(SecretEnvironment::kRefreshTokenName)},
        {u"password"_s, QString::fromUtf16(SecretEnvironment::kPasswordName)},
        {u"newPassword"_s, QString::fromUtf16(SecretEnvironment::kNewPasswordName)},
        {u"initToken"_s, QString::fromUtf16(SecretEnvironment::kInitTokenName)}};
    return pairs;
}
} // namespace

QString secretVariableFor(const QString &key)
{
    if (key == u"clientSecret")
        return u"ECALAB_CLIENT_SECRET"_s;
    for (const auto &[id, variable] : environmentAnswers()) {
        if (key == id)
            return variable;
    }
    return {};
}

QString ProfileResolver::setupStage()
{
    return u"Set-up"_s;
}

ProfileResolver::ProfileResolver(QObject *parent) : QObject(parent) {}

ProfileResolver::~ProfileResolver() = default;

void ProfileResolver::resolve(Request request, Done done)
{
    m_request = std::move(request);
    m_done = std::move(done);
    const QString &name = m_request.profile;
    if (name.isEmpty()) {
        applyOverrides(); // everything from --set and the environment
        return;
    }
    if (QFileInfo(name).isFile() || looksLikeFile(name)) {
        auto loaded = ProfileStore::loadFile(name);
        if (!loaded) {
            m_done(unexpected(FlowError::configuration(setupStage(), loaded.error(),
                                                       u"Pass a profile JSON file or the name of a saved profile."_s)));
            return;
        }
        m_profile = std::move(loaded.value());
        applyOverrides();
        return;
    }
    auto saved = ProfileStore(ProfileStore::defaultConfigDirectory()).load(name);
    if (!saved) {
        m_done(unexpected(FlowError::configuration(setupStage(), saved.error(),
                                                   u"Check the name (the window lists saved profiles) or pass a file."_s)));
        return;
    }
    m_profile = std::move(saved.value());
    readSavedSecrets(m_profile.name);
}

// The saved client secret, unless the environment gives one, then the secrets that answer prompts
// when neither --set nor the environment does: the key passphrase and a refresh token kept there.
void ProfileResolver::readSavedSecrets(const QString &profileName)
{
    if (!SecretEnvironment::value(u"ECALAB_CLIENT_SECRET"_s).isEmpty()) {
        applyOverrides();
        return;
    }
    chooseSecretStore(this, [this, profileName](std::unique_ptr<SecretStore> chosen) {
        m_secrets = std::move(chosen);
        readSaved(profileName, 0);
    });
}

void ProfileResolver::readSaved(const QString &profileName, int index)
{
    // (keychain key, what it answers: the profile's secret or a prompt id)
    const QList<QPair<QString, QString>> keys{{SecretStore::clientSecretKey(profileName), u"clientSecret"_s},
                                              {SecretStore::keyPassphraseKey(profileName), u"passphrase"_s},
                                              {SecretStore::passwordKey(profileName), u"password"_s},
                                              {SecretStore::refreshTokenKey(profileName), u"refreshToken"_s}};
    if (index >= keys.size()) {
        applyOverrides();
        return;
    }
    const QString key = keys.at(index).first; // (no structured binding: clang 14 cannot capture one)
    const QString use = keys.at(index).second;
    m_secrets->read(key, this, [this, profileName, index, use](const SecretStore::Result &result) {
        if (result.ok && use == u"clientSecret")
            m_profile.clientSecret = result.value;
        else if (result.ok)
            m_saved.insert(use, result.value);
        else if (!result.notFound && use == u"clientSecret")
            printErr(u"warning: could not read the saved secret: %1\n"_s.arg(result.error));
        readSaved(profileName, index + 1);
    });
}

void ProfileResolver::applyOverrides()
{
    Resolved resolved;
    for (const auto &[key, value] : m_request.sets) {
        if (const QString variable = secretVariableFor(key); !variable.isEmpty())
            printErr(u"warning: a secret given with --set is visible to other users of this machine in the process list "
                     "and can end up in your shell history; set %1 instead.\n"_s.arg(variable));
        if (m_request.answerIds.contains(key)) {
            resolved.answers.insert(key, value);
            continue;
        }
        // An unknown KEY is refused before anything is sent: a typo must not run against the
        // profile's own value with exit 0.
        const auto applied = m_profile.applyOverride(key, value, m_request.answerIds);
        if (!applied) {
            m_done(unexpected(FlowError::configuration(setupStage(), applied.error(), m_request.setFix)));
            return;
        }
    }
    if (const QString secret = SecretEnvironment::value(u"ECALAB_CLIENT_SECRET"_s); !secret.isEmpty())
        m_profile.clientSecret = secret;
    for (const auto &[id, variable] : environmentAnswers()) {
        QString answer = SecretEnvironment::value(variable);
        if (answer.isEmpty())
            answer = m_saved.take(id);
        if (!answer.isEmpty() && m_request.answerIds.contains(id) && !resolved.answers.contains(id))
            resolved.answers.insert(id, answer);
    }
    for (const QString &warning : m_profile.unknownFieldWarnings())
        printErr(u"warning: %1\n"_s.arg(warning));
    m_saved.clear();
    resolved.profile = std::move(m_profile);
    m_done(std::move(resolved));
}

} // namespace ecalab::app

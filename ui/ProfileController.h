#pragma once

#include "ProfileBook.h"
#include "UiContext.h"

#include <QObject>

class QComboBox;

namespace ecalab::ui {

class MessageBanner;
class ProfileForm;
class ProfileListPanel;

// Binds the profile list, the profile picker of the top bar and the settings form to one
// ProfileBook: selection, create / duplicate / delete / save / revert, secrets read back from the
// SecretStore, and the demo org started on demand.
class ProfileController : public QObject
{
    Q_OBJECT
public:
    struct Views
    {
        ProfileListPanel *list;
        QComboBox *picker;
        ProfileForm *form;
        MessageBanner *banner;
    };

    ProfileController(const UiContext &context, Views views, QObject *parent = nullptr);

    ProfileBook *book() { return &m_book; }
    int currentId() const { return m_currentId; }
    const ProfileBook::Entry *current() const { return m_book.find(m_currentId); }
    Profile currentProfile() const;
    bool currentIsReady(QString *why) const;

    void select(int id);
    void selectByName(const QString &name);
    void selectInitial(const QString &lastUsed); // demo first when nothing is saved
    // `ecalab --profile NAME|FILE`: a saved profile by name, or a profile JSON file opened as an
    // unsaved profile. False, with the reason in *why (HTML), when neither works.
    bool openRequested(const QString &nameOrFile, QString *why);
    QString currentName() const;
    bool demoRunning() const { return m_demoRunning; }
    bool demoStarting() const { return m_demoStarting; } // asked for, not running yet
    // The window has shown its first frame: the demo org may start now (it waits until then, so
    // that starting it never delays the window's appearing), and does if it is the one selected.
    void allowDemoStart();
    DemoOrg *demo() const { return m_context.demo; } // may be null
    SecretStore *secrets() const { return m_context.secrets; } // may be null
    // The current profile's name in the store; empty for the demo org, a draft or a broken file.
    QString savedName() const;

    void createProfile();
    void duplicateProfile();
    void deleteProfile();
    void saveProfile();
    void revertProfile();

Q_SIGNALS:
    void demoStateChanged();
    void currentChanged();

private:
    void rebuildViews();
    void showCurrentInForm();
    void refreshSaveState();
    void refreshSecretNote();
    void onEntryChanged(int id);
    void startDemo();
    void launchDemo();
    void onDemoStarted(const std::optional<Profile> &profile, const QString &error);
    QString storageNote() const;

    UiContext m_context;
    Views m_views;
    ProfileBook m_book;
    int m_currentId = 0;
    bool m_secretStoreReady = false; // until then the keychain is still being asked (PendingSecretStore)
    bool m_demoRunning = false;
    bool m_demoStarting = false;
    bool m_demoStartAllowed = false;
    bool m_demoAnnounced = false;
};

} // namespace ecalab::ui

#include "ProfileController.h"

#include "MessageBanner.h"
#include "ProfileForm.h"
#include "ProfileListPanel.h"
#include "Prompts.h"

#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

#include <QFileInfo>

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kDemoKey = u"::demo"_s;
const QString kDemoTopic = u"demo"_s; // the banner's "starting…" note, taken back once started
} // namespace

ProfileController::ProfileController(const UiContext &context, Views views, QObject *parent)
    : QObject(parent), m_context(context), m_views(views), m_book(context.profiles, context.secrets)
{
    connect(m_views.list, &ProfileListPanel::currentChanged, this, &ProfileController::select);
    connect(m_views.picker, &QComboBox::activated, this,
            [this](int index) { select(m_views.picker->itemData(index).toInt()); });
    connect(m_views.list, &ProfileListPanel::createRequested, this, &ProfileController::createProfile);
    connect(m_views.list, &ProfileListPanel::duplicateRequested, this, &ProfileController::duplicateProfile);
    connect(m_views.list, &ProfileListPanel::deleteRequested, this, &ProfileController::deleteProfile);
    connect(m_views.form, &ProfileForm::saveRequested, this, &ProfileController::saveProfile);
    connect(m_views.form, &ProfileForm::revertRequested, this, &ProfileController::revertProfile);
    connect(m_views.form, &ProfileForm::edited, this, [this] {
        m_book.update(m_currentId, m_views.form->profile());
        refreshSaveState();
    });
    connect(&m_book, &ProfileBook::listChanged, this, &ProfileController::rebuildViews);
    connect(&m_book, &ProfileBook::entryChanged, this, &ProfileController::onEntryChanged);
    connect(&m_book, &ProfileBook::secretLoaded, this, [this](int id) {
        if (id != m_currentId)
            return;
        m_views.form->setSecret(current()->profile.clientSecret);
        refreshSecretNote();
        refreshSaveState();
    });
    if (m_context.secrets)
        m_context.secrets->whenReady(this, [this] {
            m_secretStoreReady = true;
            refreshSecretNote();
        });
    rebuildViews();
}

Profile ProfileController::currentProfile() const
{
    return m_views.form->profile();
}

bool ProfileController::currentIsReady(QString *why) const
{
    const ProfileBook::Entry *entry = current();
    if (!entry) {
        *why = tr("Choose a profile first.");
        return false;
    }
    if (entry->kind == ProfileBook::Kind::Corrupt) {
        *why = entry->error;
        return false;
    }
    if (entry->kind == ProfileBook::Kind::Demo && !entry->demoReady) {
        *why = m_demoStarting ? tr("The demo org is still starting; Run in a moment.")
                              : tr("The demo org is not running.");
        return false;
    }
    if (entry->secret == ProfileBook::SecretState::Loading) {
        *why = tr("Still reading the consumer secret from the secret store; try again in a moment.");
        return false;
    }
    return true;
}

QString ProfileController::currentName() const
{
    const ProfileBook::Entry *entry = current();
    if (!entry || entry->kind == ProfileBook::Kind::Demo)
        return kDemoKey;
    return entry->profile.name;
}

QString ProfileController::savedName() const
{
    const ProfileBook::Entry *entry = current();
    return entry && entry->kind == ProfileBook::Kind::Saved ? entry->savedName : QString();
}

void ProfileController::select(int id)
{
    if (!m_book.find(id))
        return;
    const bool changed = id != m_currentId;
    m_currentId = id;
    if (m_views.list->currentId() != id) {
        const QSignalBlocker blocker(m_views.list);
        m_views.list->showEntries(m_book.entries(), id);
    }
    const int pickerIndex = m_views.picker->findData(id);
    if (pickerIndex >= 0)
        m_views.picker->setCurrentIndex(pickerIndex);
    if (!changed)
        return;
    showCurrentInForm();
    const ProfileBook::Entry *entry = current();
    if (entry->kind == ProfileBook::Kind::Saved)
        m_book.loadSecret(id);
    if (entry->kind == ProfileBook::Kind::Demo && !entry->demoReady)
        startDemo();
    Q_EMIT currentChanged();
}

void ProfileController::selectByName(const QString &name)
{
    for (const ProfileBook::Entry &entry : m_book.entries()) {
        if (entry.kind != ProfileBook::Kind::Demo && entry.kind != ProfileBook::Kind::Corrupt &&
            entry.profile.name == name)
            return select(entry.id);
    }
}

void ProfileController::selectInitial(const QString &lastUsed)
{
    if (!m_book.hasSavedProfiles() || lastUsed == kDemoKey)
        return select(m_book.demoId());
    selectByName(lastUsed);
    if (m_currentId)
        return;
    for (const ProfileBook::Entry &entry : m_book.entries()) {
        if (entry.kind == ProfileBook::Kind::Saved)
            return select(entry.id);
    }
}

bool ProfileController::openRequested(const QString &nameOrFile, QString *why)
{
    // Same reading as `ecalab run --profile`: an existing file, or anything path-like, is a file.
    const bool isFile = QFileInfo(nameOrFile).isFile() || nameOrFile.contains(u'/') ||
                        nameOrFile.endsWith(u".json", Qt::CaseInsensitive);
    if (!isFile) {
        for (const ProfileBook::Entry &entry : m_book.entries()) {
            if (entry.kind == ProfileBook::Kind::Saved && entry.profile.name == nameOrFile) {
                select(entry.id);
                return true;
            }
        }
        *why = tr("No saved profile is named “%1”.").arg(nameOrFile.toHtmlEscaped());
        return false;
    }
    auto loaded = ProfileStore::loadFile(nameOrFile);
    if (!loaded) {
        *why = tr("Could not open the profile file %1: %2")
                   .arg(nameOrFile.toHtmlEscaped(), loaded.error().toHtmlEscaped());
        return false;
    }
    select(m_book.addDraft(loaded.value()));
    m_views.banner->showMessage(MessageBanner::Kind::Info,
                                tr("Opened %1 as an unsaved profile; Save keeps it in ECA Lab (the consumer secret "
                                   "goes to the secret store).")
                                    .arg(nameOrFile.toHtmlEscaped()));
    return true;
}

void ProfileController::rebuildViews()
{
    if (!m_book.find(m_currentId))
        m_currentId = 0;
    m_views.list->showEntries(m_book.entries(), m_currentId);
    const QSignalBlocker blocker(m_views.picker);
    m_views.picker->clear();
    for (const ProfileBook::Entry &entry : m_book.entries())
        m_views.picker->addItem(m_views.list->list()->item(m_book.indexOf(entry.id))->icon(), entry.title(), entry.id);
    m_views.picker->setCurrentIndex(m_views.picker->findData(m_currentId));
}

void ProfileController::onEntryChanged(int id)
{
    const ProfileBook::Entry *entry = m_book.find(id);
    if (!entry)
        return;
    m_views.list->refreshEntry(*entry);
    const int pickerIndex = m_views.picker->findData(id);
    if (pickerIndex >= 0)
        m_views.picker->setItemText(pickerIndex, entry->isDirty() && entry->kind != ProfileBook::Kind::Demo
                                                     ? entry->title() + u"  •"_s
                                                     : entry->title());
    if (id == m_currentId)
        refreshSaveState();
}

void ProfileController::showCurrentInForm()
{
    const ProfileBook::Entry *entry = current();
    if (!entry)
        return;
    m_views.form->setProfile(entry->profile);
    // The demo org's fields come from the emulator: until it runs they are empty, not wrong.
    const bool demoPending = entry->kind == ProfileBook::Kind::Demo && !entry->demoReady;
    m_views.form->setEditable(entry->kind != ProfileBook::Kind::Corrupt && !demoPending);
    m_views.form->setProblemsShown(!demoPending);
    if (entry->kind == ProfileBook::Kind::Corrupt)
        m_views.banner->showMessage(MessageBanner::Kind::Warning,
                                    tr("<b>%1 cannot be read.</b> %2<br>ECA Lab leaves the file as it is: fix it in an "
                                       "editor, or delete it here.")
                                        .arg(entry->title().toHtmlEscaped(), entry->error.toHtmlEscaped()));
    refreshSecretNote();
    refreshSaveState();
}

QString ProfileController::storageNote() const
{
    if (!m_context.secrets)
        return tr("No secret store: the consumer secret is kept for this session only.");
    const QString note = m_context.secrets->availabilityNote();
    if (note.isEmpty())
        return tr("Kept in %1, never in the profile file.").arg(m_context.secrets->description());
    if (!m_secretStoreReady)
        return note;
    return tr("Memory only — %1 It is forgotten when ECA Lab quits.").arg(note);
}

void ProfileController::refreshSecretNote()
{
    const ProfileBook::Entry *entry = current();
    if (!entry)
        return;
    QString note;
    if (entry->kind == ProfileBook::Kind::Demo)
        note = tr("The demo app's secret, from the emulator; memory only.");
    else if (entry->secret == ProfileBook::SecretState::Loading)
        note = tr("Reading the secret from the secret store…");
    else if (entry->secret == ProfileBook::SecretState::Failed)
        note = tr("Could not read the secret: %1").arg(entry->secretError);
    else
        note = storageNote();
    m_views.form->setSecretNote(note);
}

void ProfileController::refreshSaveState()
{
    const ProfileBook::Entry *entry = current();
    if (!entry)
        return;
    switch (entry->kind) {
    case ProfileBook::Kind::Demo:
        m_views.form->setSaveState(false, entry->isDirty(),
                                   tr("The demo org is not saved; duplicate it to keep a copy."));
        break;
    case ProfileBook::Kind::Corrupt:
        m_views.form->setSaveState(false, false, entry->path);
        break;
    case ProfileBook::Kind::Draft:
        m_views.form->setSaveState(true, true, tr("New profile, not saved yet."));
        break;
    case ProfileBook::Kind::Saved:
        m_views.form->setSaveState(true, entry->isDirty(),
                                   entry->isDirty() ? tr("Unsaved changes.") : tr("Saved in %1").arg(entry->path));
        break;
    }
}

void ProfileController::allowDemoStart()
{
    if (m_demoStartAllowed)
        return;
    m_demoStartAllowed = true;
    if (m_demoStarting)
        launchDemo();
}

// Shows that the demo org is starting (a note, the form disabled, the status dot), and starts it
// once the window has its first frame.
void ProfileController::startDemo()
{
    if (!m_context.demo) {
        m_views.banner->showMessage(MessageBanner::Kind::Warning, tr("This build has no demo org."));
        return;
    }
    if (m_demoStarting)
        return;
    m_demoStarting = true;
    if (!m_demoAnnounced)
        m_views.banner->showMessage(MessageBanner::Kind::Info, tr("Starting the demo org on this machine…"),
                                    kDemoTopic);
    Q_EMIT demoStateChanged();
    if (m_demoStartAllowed)
        launchDemo();
}

void ProfileController::launchDemo()
{
    m_context.demo->startInBackground(
        this, [this](const std::optional<Profile> &profile, const QString &error) { onDemoStarted(profile, error); });
}

void ProfileController::onDemoStarted(const std::optional<Profile> &profile, const QString &error)
{
    m_demoStarting = false;
    if (!profile) {
        m_views.banner->showMessage(MessageBanner::Kind::Error,
                                    tr("<b>The demo org could not start.</b> %1").arg(error.toHtmlEscaped()));
        Q_EMIT demoStateChanged();
        return;
    }
    m_book.setDemoProfile(*profile);
    m_demoRunning = true;
    const bool shown = m_currentId == m_book.demoId();
    if (shown)
        showCurrentInForm();
    m_views.banner->dismissTopic(kDemoTopic);
    if (shown && !m_demoAnnounced) {
        m_demoAnnounced = true;
        m_views.banner->showMessage(
            MessageBanner::Kind::Info,
            tr("<b>Demo org on this machine — nothing leaves it.</b> The built-in emulator plays the login host, a "
               "My Domain and an Experience Cloud site on 127.0.0.1. Pick a flow and press Run (Ctrl+R)."));
    }
    Q_EMIT demoStateChanged();
    if (shown)
        Q_EMIT currentChanged(); // what depends on the profile (kept tokens, passwords) looks again
}

void ProfileController::createProfile()
{
    select(m_book.createDraft());
    if (auto *name = m_views.form->findChild<QLineEdit *>(u"nameEdit"_s)) {
        name->setFocus(Qt::OtherFocusReason);
        name->selectAll();
    }
}

void ProfileController::duplicateProfile()
{
    if (const int id = m_book.duplicate(m_currentId))
        select(id);
}

void ProfileController::deleteProfile()
{
    const ProfileBook::Entry *entry = current();
    if (!entry || entry->kind == ProfileBook::Kind::Demo)
        return;
    QString question;
    switch (entry->kind) {
    case ProfileBook::Kind::Draft:
        question = tr("Discard the new profile “%1”? It was never saved.").arg(entry->title());
        break;
    case ProfileBook::Kind::Corrupt:
        question = tr("Delete the unreadable file %1?").arg(entry->path);
        break;
    default:
        question =
            tr("Delete the profile “%1”? Its file and its stored consumer secret are removed.").arg(entry->title());
    }
    if (!Prompts::confirm(m_views.list, tr("Delete profile"), question, tr("Delete")))
        return;
    const int index = m_book.indexOf(m_currentId);
    const QString title = entry->title();
    m_book.remove(m_currentId, [this, index, title](bool ok, const QString &message) {
        if (!ok) {
            m_views.banner->showMessage(MessageBanner::Kind::Error, message.toHtmlEscaped());
            return;
        }
        const auto &entries = m_book.entries();
        select(entries.at(std::clamp(index - 1, 0, int(entries.size()) - 1)).id);
        m_views.banner->showMessage(MessageBanner::Kind::Info, tr("Deleted “%1”.").arg(title.toHtmlEscaped()));
    });
}

void ProfileController::saveProfile()
{
    const int id = m_currentId;
    m_book.update(id, m_views.form->profile());
    m_book.save(id, [this, id](bool ok, const QString &message) {
        const ProfileBook::Entry *entry = m_book.find(id);
        if (ok && entry)
            m_views.banner->showMessage(MessageBanner::Kind::Positive,
                                        tr("Saved “%1”. %2").arg(entry->title().toHtmlEscaped(), storageNote()));
        else
            m_views.banner->showMessage(MessageBanner::Kind::Error, message.toHtmlEscaped());
        if (id == m_currentId)
            refreshSaveState();
    });
}

void ProfileController::revertProfile()
{
    m_book.revert(m_currentId);
    showCurrentInForm();
}

} // namespace ecalab::ui

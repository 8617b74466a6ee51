#include "ProfileListPanel.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kIdRole = Qt::UserRole;
constexpr int kKindRole = Qt::UserRole + 1;

QToolButton *makeButton(QWidget *parent, const QString &name, const QString &iconName, const QString &tip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setIcon(icon(iconName));
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setAutoRaise(true);
    return button;
}

void decorate(QListWidgetItem *item, const ProfileBook::Entry &entry)
{
    using Kind = ProfileBook::Kind;
    const bool dirty = entry.kind != Kind::Demo && entry.isDirty();
    item->setText(dirty ? entry.title() + u"  •"_s : entry.title());
    item->setData(kIdRole, entry.id);
    item->setData(kKindRole, int(entry.kind));
    QFont font = item->font();
    font.setItalic(dirty);
    font.setBold(entry.kind == Kind::Demo);
    item->setFont(font);
    switch (entry.kind) {
    case Kind::Demo:
        item->setIcon(icon(u"demo"_s));
        item->setToolTip(QObject::tr("The built-in emulator's demo org: nothing leaves this machine. Not saved; "
                                     "duplicate it to keep a copy."));
        break;
    case Kind::Corrupt:
        item->setIcon(icon(u"profile-broken"_s));
        item->setToolTip(entry.error + u"\n"_s + QObject::tr("The file is left as it is."));
        break;
    case Kind::Draft:
        item->setIcon(icon(u"profile"_s));
        item->setToolTip(QObject::tr("Not saved yet"));
        break;
    case Kind::Saved:
        item->setIcon(icon(u"profile"_s));
        item->setToolTip(dirty ? QObject::tr("%1\nUnsaved changes").arg(entry.path) : entry.path);
        break;
    }
    item->setToolTip(item->text() + u"\n"_s + item->toolTip()); // the whole name, however narrow the list
    item->setData(Qt::AccessibleTextRole, item->text());
}
} // namespace

ProfileListPanel::ProfileListPanel(QWidget *parent)
    : QWidget(parent), m_list(new QListWidget(this)),
      m_create(makeButton(this, u"newProfileButton"_s, u"add"_s, tr("New profile"))),
      m_duplicate(makeButton(this, u"duplicateProfileButton"_s, u"duplicate"_s, tr("Duplicate profile"))),
      m_delete(makeButton(this, u"deleteProfileButton"_s, u"delete"_s, tr("Delete profile")))
{
    setObjectName(u"profileListPanel"_s);
    auto *heading = new QLabel(tr("Profiles"), this);
    QFont font = heading->font();
    font.setBold(true);
    heading->setFont(font);
    heading->setBuddy(m_list);
    m_list->setObjectName(u"profileList"_s);
    m_list->setAccessibleName(tr("Profiles"));
    m_list->setIconSize(QSize(18, 18));
    m_list->setTextElideMode(Qt::ElideMiddle); // "Acme prod … Order Sync" keeps both ends of a long name
    m_list->setSpacing(1);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    buttons->addWidget(m_create);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(heading);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        updateButtons();
        if (current)
            Q_EMIT currentChanged(current->data(kIdRole).toInt());
    });
    connect(m_create, &QToolButton::clicked, this, &ProfileListPanel::createRequested);
    connect(m_duplicate, &QToolButton::clicked, this, &ProfileListPanel::duplicateRequested);
    connect(m_delete, &QToolButton::clicked, this, &ProfileListPanel::deleteRequested);
}

void ProfileListPanel::showEntries(const QList<ProfileBook::Entry> &entries, int currentId)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const ProfileBook::Entry &entry : entries) {
        auto *item = new QListWidgetItem(m_list);
        decorate(item, entry);
        if (entry.id == currentId)
            m_list->setCurrentItem(item);
    }
    updateButtons();
}

void ProfileListPanel::refreshEntry(const ProfileBook::Entry &entry)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toInt() == entry.id)
            decorate(m_list->item(row), entry);
    }
    updateButtons();
}

int ProfileListPanel::currentId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(kIdRole).toInt() : 0;
}

void ProfileListPanel::updateButtons()
{
    const QListWidgetItem *item = m_list->currentItem();
    const auto kind = item ? ProfileBook::Kind(item->data(kKindRole).toInt()) : ProfileBook::Kind::Demo;
    m_duplicate->setEnabled(item && kind != ProfileBook::Kind::Corrupt);
    m_delete->setEnabled(item && kind != ProfileBook::Kind::Demo);
}

} // namespace ecalab::ui

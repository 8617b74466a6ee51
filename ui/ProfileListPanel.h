#pragma once

#include "ProfileBook.h"

#include <QWidget>

class QListWidget;
class QToolButton;

namespace ecalab::ui {

// The left column: the demo org, then saved and new profiles; create, duplicate, delete.
class ProfileListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileListPanel(QWidget *parent = nullptr);

    void showEntries(const QList<ProfileBook::Entry> &entries, int currentId);
    void refreshEntry(const ProfileBook::Entry &entry);
    int currentId() const;
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void currentChanged(int id);
    void createRequested();
    void duplicateRequested();
    void deleteRequested();

private:
    void updateButtons();

    QListWidget *m_list;
    QToolButton *m_create;
    QToolButton *m_duplicate;
    QToolButton *m_delete;
};

} // namespace ecalab::ui

#pragma once

#include "ProfileValidation.h"

#include "profile/Profile.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace ecalab::ui {

// The "App settings" tab: every field of the profile contract, validated as the user types.
// It edits a copy; the controller decides what becomes of it (ProfileController).
class ProfileForm : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileForm(QWidget *parent = nullptr);

    void setProfile(const Profile &profile); // does not emit edited()
    Profile profile() const;
    void setSecret(const QString &secret); // does not emit edited()
    void setSecretNote(const QString &note);
    void setFlowName(const QString &flowName);
    void setSaveState(bool canSave, bool dirty, const QString &why);
    void setEditable(bool editable);

    const QList<FieldProblem> &problems() const { return m_problems; }
    bool hasBlockingProblems() const;
    void focusFirstProblem();
    // Save / Revert and a one-line state note, for the window to place where they stay visible.
    QWidget *actionsWidget() const { return m_actions; }

Q_SIGNALS:
    void edited();
    void saveRequested();
    void revertRequested();

private:
    QLineEdit *addLine(QFormLayout *form, ProfileField field, const QString &name, const QString &label,
                       const QString &placeholder, QWidget *trailing = nullptr);
    QWidget *fieldBox(ProfileField field, const QString &name, QWidget *editRow);
    void buildLeftColumn(QFormLayout *form);
    void buildRightColumn(QFormLayout *form);
    void buildDeviceRows(QFormLayout *form);
    void buildAuthorizeRows(QFormLayout *form);
    void onEdited();
    void revalidate();
    void choosePrivateKeyFile();

    bool m_loading = false;
    QString m_flowName;
    QJsonObject m_unknownFields;
    QList<FieldProblem> m_problems;
    QHash<ProfileField, QLabel *> m_problemLabels;
    QHash<ProfileField, QWidget *> m_fieldEditors;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_loginUrl = nullptr;
    QLabel *m_loginNote = nullptr;
    QLineEdit *m_siteUrl = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QLabel *m_secretNote = nullptr;
    QLineEdit *m_callbackUrl = nullptr;
    QLineEdit *m_scopes = nullptr;
    QCheckBox *m_pkce = nullptr;
    QComboBox *m_clientAuth = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_privateKeyFile = nullptr;
    QToolButton *m_browseKey = nullptr;
    QLineEdit *m_audience = nullptr;
    QLineEdit *m_prompt = nullptr;
    QLineEdit *m_loginHint = nullptr;
    QComboBox *m_display = nullptr;
    QComboBox *m_deviceDialect = nullptr;
    QSpinBox *m_deviceCodeLifetime = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_saveNote = nullptr;
    QWidget *m_actions = nullptr;
};

} // namespace ecalab::ui

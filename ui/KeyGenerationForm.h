#pragma once

#include <QDateTime>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace ecalab::ui {

// "Generate key and certificate…" on the Keys tab, inline rather than a modal dialog: common
// name, days, bits (2048 / 3072 / 4096) and folder; Generate writes private.key (0600) and
// certificate.crt there, and asks before replacing files already there.
class KeyGenerationForm : public QWidget
{
    Q_OBJECT
public:
    explicit KeyGenerationForm(QWidget *parent = nullptr);

    // Opens the form with these defaults (kept when the person already changed them).
    void open(const QString &commonName, const QString &folder);
    void setNow(std::function<QDateTime()> now) { m_now = std::move(now); }

    QLineEdit *commonNameEdit() const { return m_commonName; }
    QSpinBox *daysSpin() const { return m_days; }
    QComboBox *bitsCombo() const { return m_bits; }
    QLineEdit *folderEdit() const { return m_folder; }
    QPushButton *generateButton() const { return m_generateButton; }

Q_SIGNALS:
    void generated(const QString &keyPath, const QString &certificatePath);

private:
    QWidget *buildFolderRow();
    void chooseFolder();
    void generate();
    void showProblem(const QString &text);

    std::function<QDateTime()> m_now;
    QLineEdit *m_commonName;
    QSpinBox *m_days;
    QComboBox *m_bits;
    QLineEdit *m_folder;
    QToolButton *m_browseFolder = nullptr;
    QLabel *m_problem;
    QPushButton *m_generateButton;
};

} // namespace ecalab::ui

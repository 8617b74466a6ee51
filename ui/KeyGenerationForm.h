#pragma once

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QThread;
class QToolButton;

namespace ecalab::ui {

// "Generate key and certificate…" on the Keys tab, inline rather than a modal dialog: common
// name, days, bits (2048 / 3072 / 4096) and folder; Generate writes private.key (0600) and
// certificate.crt there, and asks before replacing files already there. The RSA key is made on a
// thread of its own (a 4096-bit one takes seconds) while the form shows that it is working; the
// window stays live, and Cancel meanwhile drops the pair unwritten.
class KeyGenerationForm : public QWidget
{
    Q_OBJECT
public:
    explicit KeyGenerationForm(QWidget *parent = nullptr);
    ~KeyGenerationForm() override; // waits for a key still being made

    // Opens the form with these defaults (kept when the person already changed them).
    void open(const QString &commonName, const QString &folder);
    void setNow(std::function<QDateTime()> now) { m_now = std::move(now); }

    QLineEdit *commonNameEdit() const { return m_commonName; }
    QSpinBox *daysSpin() const { return m_days; }
    QComboBox *bitsCombo() const { return m_bits; }
    QLineEdit *folderEdit() const { return m_folder; }
    QPushButton *generateButton() const { return m_generateButton; }
    bool isGenerating() const { return m_worker != nullptr; }
    // Hides the form; a key still being made is dropped unwritten.
    void cancel();

Q_SIGNALS:
    void generated(const QString &keyPath, const QString &certificatePath);

private:
    struct Job;
    QWidget *buildFolderRow();
    QWidget *buildProgressRow();
    void chooseFolder();
    void generate();
    void onGenerated(const Job &job);
    void setGenerating(bool generating, int bits = 0);
    void showProblem(const QString &text);

    std::function<QDateTime()> m_now;
    QLineEdit *m_commonName;
    QSpinBox *m_days;
    QComboBox *m_bits;
    QLineEdit *m_folder;
    QToolButton *m_browseFolder = nullptr;
    QLabel *m_problem;
    QWidget *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QPushButton *m_generateButton;
    QThread *m_worker = nullptr;  // while a key is being made
    bool m_dropResult = false;    // Cancel (or a closing form) came first: nothing is written
};

} // namespace ecalab::ui

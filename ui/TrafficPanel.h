#pragma once

#include <QPointer>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;

namespace ecalab {
class ExchangeLog;
struct Exchange;
} // namespace ecalab

namespace ecalab::ui {

class RevealGroup;

// The Traffic tab, browser-devtools style: every exchange of the run (stage, method, URL, status,
// time) and, for the selected one, request and response with pretty bodies, masked secrets with
// an eye each, Copy as curl and Export HAR — both redacted.
class TrafficPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficPanel(QWidget *parent = nullptr);

    void setLog(ExchangeLog *log);
    QSplitter *splitter() const { return m_splitter; }
    const Exchange *selectedExchange() const;
    void copyCurl();
    bool exportHar(); // asks for a file through Prompts
    // Off while another tab is in front: the selected exchange is drawn once it is looked at, not
    // on every change of a run nobody is watching here (docs/benchmarks.md, event-loop stalls).
    void setLookedAt(bool lookedAt);

Q_SIGNALS:
    void countChanged(int count);
    void exported(const QString &path);
    void exportFailed(const QString &why);

private:
    void showSelected();
    void renderTexts();
    void rebuildSecrets(const Exchange *exchange);
    void updateButtons();

    QPointer<ExchangeLog> m_log;
    QTableView *m_table;
    QSplitter *m_splitter;
    QLabel *m_summary;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    QWidget *m_secretsBox;
    QHBoxLayout *m_secretsLayout;
    RevealGroup *m_reveals;
    QPushButton *m_copyCurl;
    QPushButton *m_exportHar;
    int m_shownId = 0;
    int m_revealedIndex = -1;
    bool m_lookedAt = true;
    bool m_showPending = false;
};

} // namespace ecalab::ui

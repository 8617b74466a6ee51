#include "Prompts.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

namespace ecalab::ui {

std::optional<bool> Prompts::s_nextConfirm;
std::optional<QString> Prompts::s_nextFileName;
QString Prompts::s_lastQuestion;
int Prompts::s_asked = 0;

bool Prompts::confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel)
{
    s_lastQuestion = text;
    ++s_asked;
    if (s_nextConfirm) {
        const bool answer = *s_nextConfirm;
        s_nextConfirm.reset();
        return answer;
    }
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    QPushButton *accept = box.addButton(acceptLabel, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

QString Prompts::saveFileName(QWidget *parent, const QString &title, const QString &suggested, const QString &filter)
{
    if (s_nextFileName) {
        const QString path = *s_nextFileName;
        s_nextFileName.reset();
        return path;
    }
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

QString Prompts::openFileName(QWidget *parent, const QString &title, const QString &directory, const QString &filter)
{
    if (s_nextFileName) {
        const QString path = *s_nextFileName;
        s_nextFileName.reset();
        return path;
    }
    return QFileDialog::getOpenFileName(parent, title, directory, filter);
}

QString Prompts::directory(QWidget *parent, const QString &title, const QString &start)
{
    if (s_nextFileName) {
        const QString path = *s_nextFileName;
        s_nextFileName.reset();
        return path;
    }
    return QFileDialog::getExistingDirectory(parent, title, start);
}

void Prompts::setNextConfirm(bool accept)
{
    s_nextConfirm = accept;
}

void Prompts::setNextFileName(const QString &path)
{
    s_nextFileName = path;
}

QString Prompts::lastQuestion()
{
    return s_lastQuestion;
}

int Prompts::questionsAsked()
{
    return s_asked;
}

} // namespace ecalab::ui

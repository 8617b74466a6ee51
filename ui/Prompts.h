#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace ecalab::ui {

// The few modal questions the window asks (confirm a delete, pick a file) go through here, so GUI
// tests can pre-answer them (model-codebases §10.13, KeePassXC's MessageBox::setNextAnswer).
class Prompts
{
public:
    static bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel);
    static QString saveFileName(QWidget *parent, const QString &title, const QString &suggested, const QString &filter);
    static QString openFileName(QWidget *parent, const QString &title, const QString &directory, const QString &filter);
    static QString directory(QWidget *parent, const QString &title, const QString &start); // answered by setNextFileName

    // Test seams: the next question of that kind is answered with this value instead of a dialog.
    static void setNextConfirm(bool accept);
    static void setNextFileName(const QString &path);
    static QString lastQuestion(); // the text of the last confirm() asked, answered or not
    static int questionsAsked();

private:
    static std::optional<bool> s_nextConfirm;
    static std::optional<QString> s_nextFileName;
    static QString s_lastQuestion;
    static int s_asked;
};

} // namespace ecalab::ui

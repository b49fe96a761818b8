#pragma once

#include <QString>

class QWidget;

// Every question the console asks goes through here, so tests can answer it without a
// modal dialog (KeePassXC's MessageBox::setNextAnswer).
class MessageBox {
public:
    // Asks and returns true when the user chose `acceptText`; Cancel is the default button.
    static bool confirm(QWidget *parent, const QString &title, const QString &text,
                        const QString &acceptText);

    // The next question is answered with `accept` instead of being shown (once).
    static void setNextAnswer(bool accept);
    // The title and text of the last question asked, shown or answered in advance.
    static QString lastQuestion();
    static int questionCount();
};

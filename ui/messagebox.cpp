#include "messagebox.h"

#include <QMessageBox>
#include <QPushButton>

#include <optional>

namespace {
std::optional<bool> s_nextAnswer;
QString s_lastQuestion;
int s_questionCount = 0;
} // namespace

bool MessageBox::confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &acceptText)
{
    s_lastQuestion = title + u'\n' + text;
    ++s_questionCount;
    if (s_nextAnswer) {
        const bool answer = *s_nextAnswer;
        s_nextAnswer.reset();
        return answer;
    }
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void MessageBox::setNextAnswer(bool accept)
{
    s_nextAnswer = accept;
}

QString MessageBox::lastQuestion()
{
    return s_lastQuestion;
}

int MessageBox::questionCount()
{
    return s_questionCount;
}

#include "snippetform.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SnippetForm::SnippetForm(const Operation &operation, QWidget *parent)
    : OperationForm(operation, parent)
    , m_domain(new QLineEdit(formPage()))
    , m_domainMessage(new FieldMessage(formPage()))
    , m_code(new QPlainTextEdit(formPage()))
    , m_copy(new QPushButton(tr("Copy"), formPage()))
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *domainLabel = new QLabel(tr("Website domain"), formPage());
    m_domain->setPlaceholderText(tr("e.g. www.acme-inc.com"));
    m_domain->setToolTip(tr("The website's host name, as registered in journy.io."));
    FieldMark::label(domainLabel, m_domain);
    form->addRow(domainLabel, m_domain);
    form->addRow(QString(), m_domainMessage);
    formLayout()->addLayout(form);

    auto *codeHeader = new QHBoxLayout;
    auto *codeLabel = new QLabel(tr("Snippet"), formPage());
    FieldMark::label(codeLabel, m_code);
    m_copy->setAccessibleName(tr("Copy"));
    m_copy->setToolTip(tr("Copy the snippet to the clipboard"));
    m_copy->setEnabled(false);
    codeHeader->addWidget(codeLabel);
    codeHeader->addStretch();
    codeHeader->addWidget(m_copy);
    formLayout()->addLayout(codeHeader);
    m_code->setReadOnly(true);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_code->setPlaceholderText(tr("Send (Ctrl+Enter) to get the snippet for this domain."));
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    formLayout()->addWidget(m_code, 1);

    connect(m_domain, &QLineEdit::textChanged, this, &SnippetForm::formChanged);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_code->toPlainText()); });
    finishSetup();
    formLayout()->setStretch(formLayout()->count() - 1, 0);
}

QueryItems SnippetForm::query() const
{
    return {{u"domain"_s, m_domain->text()}};
}

QWidget *SnippetForm::firstField() const
{
    return m_domain;
}

void SnippetForm::applyMarks(MarkMap &marks)
{
    const Mark mark = marks.take(u"domain"_s);
    m_domainMessage->showMessage(mark.severity, mark.message);
    FieldMark::mark(m_domain, mark.severity, mark.message);
}

void SnippetForm::showData(const ApiResult &result)
{
    if (!result.success)
        return;
    m_code->setPlainText(result.data.toObject().value(u"snippet"_s).toString());
    m_copy->setEnabled(!m_code->toPlainText().isEmpty());
}

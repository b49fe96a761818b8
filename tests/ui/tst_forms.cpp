#include "datetimeeditor.h"
#include "eventform.h"
#include "identificationeditor.h"
#include "identityform.h"
#include "jsoneditor.h"
#include "listform.h"
#include "mainwindow.h"
#include "memberseditor.h"
#include "membersform.h"
#include "messagebox.h"
#include "propertyeditor.h"
#include "responseinspector.h"
#include "snippetform.h"
#include "uitest.h"

#include "sandboxserver.h"
#include "sandboxstate.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QtTest>

using namespace Qt::StringLiterals;

// Every form, filled with key clicks and sent to the in-process sandbox.
class TestForms : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void upsertUserStoresTypedProperties();
    void rejectedPropertiesAreMarkedAmber();
    void deleteUserAfterConfirmation();
    void linkStoresTheDevice();
    void upsertAccountAndMembers();
    void membersPasteIsLimitedTo100();
    void membersParse_data();
    void membersParse();
    void trackEventWithMetadataAndTime();
    void jsonTabStaysInSyncBothWays();
    void invalidJsonKeepsTheTextAndSaysWhere();
    void readViewsAreSortableAndFilterable();
    void validityListsPermissions();
    void snippetShowsCodeWithCopy();
    void validationMarksAppearAndClear();

private:
    template<typename Form> Form *open(const QString &operationId)
    {
        if (!m_window->selectOperation(operationId))
            return nullptr;
        return qobject_cast<Form *>(m_window->currentForm());
    }

    QTemporaryDir m_settingsDir;
    MainWindow *m_window = nullptr;
};

void TestForms::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestForms::init()
{
    QSettings().clear();
    m_window = new MainWindow;
    m_window->showDeprecatedAction()->setChecked(true);
    QVERIFY(m_window->startBuiltInSandbox());
    QVERIFY(m_window->sandbox());
    QVERIFY(m_window->isConnected());
}

void TestForms::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestForms::upsertUserStoresTypedProperties()
{
    auto *form = open<IdentityForm>(u"upsertUser"_s);
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QTest::keyClicks(form->identification()->secondEdit(), u"john@acme-inc.com"_s);
    PropertyEditor *properties = form->properties();
    QTest::keyClicks(properties->row(0).name, u"plan"_s);
    QTest::keyClicks(properties->row(0).text, u"Pro"_s);
    QTest::mouseClick(properties->addButton(), Qt::LeftButton);
    QTest::keyClicks(properties->row(1).name, u"mrr"_s);
    properties->setRowType(1, PropertyEditor::Type::Number);
    QTest::keyClicks(properties->row(1).text, u"399.5"_s);
    QTest::mouseClick(properties->addButton(), Qt::LeftButton);
    QTest::keyClicks(properties->row(2).name, u"active"_s);
    properties->setRowType(2, PropertyEditor::Type::Boolean);
    properties->row(2).boolean->setCurrentIndex(1);
    QTest::mouseClick(properties->addButton(), Qt::LeftButton);
    QTest::keyClicks(properties->row(3).name, u"tags"_s);
    properties->setRowType(3, PropertyEditor::Type::List);
    QTest::keyClicks(properties->row(3).text, u"beta, vip"_s);
    QTest::mouseClick(properties->addButton(), Qt::LeftButton);
    QTest::keyClicks(properties->row(4).name, u"registered_at"_s);
    properties->setRowType(4, PropertyEditor::Type::DateTime);
    properties->row(4).dateTime->setValue(
        QDateTime(QDate(2024, 3, 1), QTime(9, 30), QTimeZone(2 * 3600)));
    QCOMPARE(form->problemCount(), 0);

    const ApiResult result = UiTest::sendAndWait(*m_window);
    QCOMPARE(result.status, 201);
    const SandboxEntity *user =
        m_window->sandbox()->state()->findUser(QJsonObject{{u"userId"_s, u"20"_s}});
    QVERIFY(user);
    QCOMPARE(user->secondary, u"john@acme-inc.com"_s);
    QCOMPARE(user->properties.value(u"plan"_s).toString(), u"Pro"_s);
    QCOMPARE(user->properties.value(u"mrr"_s).toDouble(), 399.5);
    QCOMPARE(user->properties.value(u"active"_s).toBool(), false);
    QCOMPARE(user->properties.value(u"tags"_s).toArray(), (QJsonArray{u"beta"_s, u"vip"_s}));
    QCOMPARE(user->properties.value(u"registered_at"_s).toString(),
             u"2024-03-01T09:30:00.000+02:00"_s);
    QCOMPARE(m_window->sandbox()->state()->propertyKind(SandboxScope::Users, u"registered_at"_s),
             PropertyKind::DateTime);
    QVERIFY(UiTest::inspectorText(m_window->inspector()).contains(u"201"_s));

    // "delete" sends null and removes the property.
    properties->setRowType(0, PropertyEditor::Type::Delete);
    QVERIFY(form->jsonEditor()->text().contains(u"\"plan\": null"_s));
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 201);
    user = m_window->sandbox()->state()->findUser(QJsonObject{{u"userId"_s, u"20"_s}});
    QVERIFY(!user->properties.contains(u"plan"_s));
}

void TestForms::rejectedPropertiesAreMarkedAmber()
{
    auto *form = open<IdentityForm>(u"upsertAccount"_s);
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"acme"_s);
    PropertyEditor *properties = form->properties();
    QTest::keyClicks(properties->row(0).name, u"created_at"_s);
    properties->setRowType(0, PropertyEditor::Type::DateTime);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 201);
    QCOMPARE(FieldMark::severity(properties->row(0).name), MarkSeverity::None);

    properties->setRowType(0, PropertyEditor::Type::Boolean);
    const ApiResult result = UiTest::sendAndWait(*m_window);
    QCOMPARE(result.status, 201);
    QVERIFY(result.rejected.contains(u"created_at"_s));
    QCOMPARE(FieldMark::severity(properties->row(0).name), MarkSeverity::Warning);
    QCOMPARE(properties->row(0).message->severity(), MarkSeverity::Warning);
    QVERIFY2(properties->row(0).message->text().contains(result.rejected.value(u"created_at"_s)),
             qPrintable(properties->row(0).message->text()));
    QCOMPARE(form->problemCount(), 0); // a warning from the server, not a problem to fix
}

void TestForms::deleteUserAfterConfirmation()
{
    m_window->sandbox()->state()->upsert(SandboxScope::Users, QJsonObject{{u"userId"_s, u"gone"_s}},
                                         {});
    QCOMPARE(m_window->sandbox()->state()->userCount(), 1);
    auto *form = open<IdentityForm>(u"deleteUser"_s);
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"gone"_s);
    MessageBox::setNextAnswer(false);
    m_window->send();
    QVERIFY(!m_window->isSending());
    QVERIFY(MessageBox::lastQuestion().contains(u"“gone”"_s));
    QCOMPARE(m_window->sandbox()->state()->userCount(), 1);

    MessageBox::setNextAnswer(true);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 202);
    QCOMPARE(m_window->sandbox()->state()->userCount(), 0);
}

void TestForms::linkStoresTheDevice()
{
    auto *form = open<IdentityForm>(u"link"_s);
    QVERIFY(form && form->deviceId());
    QTest::keyClicks(form->deviceId(), u"device-123"_s);
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 201);
    const QJsonArray links = m_window->sandbox()->state()->linksJson();
    QCOMPARE(links.size(), 1);
    QVERIFY(QJsonDocument(links).toJson().contains("device-123"));
}

void TestForms::upsertAccountAndMembers()
{
    auto *form = open<MembersForm>(u"addUserToAccount"_s);
    QVERIFY(form);
    QTest::keyClicks(form->account()->idEdit(), u"acme"_s);
    QApplication::clipboard()->setText(
        u"userId,email\nu1,one@acme-inc.com\nu2,\n,three@acme-inc.com\n"_s);
    QTest::mouseClick(form->members()->pasteButton(), Qt::LeftButton);
    QCOMPARE(form->members()->rowCount(), 3);
    QCOMPARE(form->members()->row(0).userId->text(), u"u1"_s);
    QCOMPARE(form->members()->row(0).email->text(), u"one@acme-inc.com"_s);
    QCOMPARE(form->members()->row(2).email->text(), u"three@acme-inc.com"_s);
    QCOMPARE(form->problemCount(), 0);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 201);
    const QJsonObject account =
        m_window->sandbox()->state()->findAccount(QJsonObject{{u"accountId"_s, u"acme"_s}})
            ? QJsonObject()
            : QJsonObject();
    Q_UNUSED(account)
    const QByteArray accounts =
        QJsonDocument(m_window->sandbox()->state()->accountsJson()).toJson();
    QVERIFY2(accounts.contains("u1") && accounts.contains("u2"), accounts.constData());
    QCOMPARE(m_window->sandbox()->state()->userCount(), 3);

    auto *remove = open<MembersForm>(u"removeUserFromAccount"_s);
    QVERIFY(remove);
    QTest::keyClicks(remove->account()->idEdit(), u"acme"_s);
    QTest::keyClicks(remove->members()->row(0).userId, u"u2"_s);
    const ApiResult result = UiTest::sendAndWait(*m_window);
    QVERIFY2(result.success, qPrintable(result.summary()));
    const QByteArray after = QJsonDocument(m_window->sandbox()->state()->accountsJson()).toJson();
    QVERIFY2(after.contains("\"removed\": true") || after.contains("removed"), after.constData());
}

void TestForms::membersPasteIsLimitedTo100()
{
    auto *form = open<MembersForm>(u"addUserToAccount"_s);
    QVERIFY(form);
    QStringList lines;
    for (int i = 0; i < 120; ++i)
        lines << u"user-%1"_s.arg(i);
    // Ctrl+V of many lines in a row adds them all at once.
    QApplication::clipboard()->setText(lines.join(u'\n'));
    form->members()->row(0).userId->setFocus();
    QTest::keySequence(form->members()->row(0).userId, QKeySequence::Paste);
    QCOMPARE(form->members()->rowCount(), 100);
    QVERIFY(!form->members()->addButton()->isEnabled());
    QCOMPARE(form->members()->countLabel()->text(), u"100 of 100 users"_s);
    QVERIFY(form->findChildren<FieldMessage *>().size() > 0);
    bool told = false;
    for (FieldMessage *message : form->findChildren<FieldMessage *>())
        told = told || message->text().contains(u"20 users not added"_s);
    QVERIFY(told);
    QCOMPARE(QJsonDocument::fromJson(form->bodyBytes()).object().value(u"users"_s).toArray().size(),
             100);

    // 101 users typed into the JSON are a problem, not silently cut.
    QJsonObject body = QJsonDocument::fromJson(form->bodyBytes()).object();
    QJsonArray users = body.value(u"users"_s).toArray();
    users.append(QJsonObject{{u"identification"_s, QJsonObject{{u"userId"_s, u"x"_s}}}});
    body.insert(u"users"_s, users);
    form->setJsonVisible(true);
    form->jsonEditor()->textEdit()->setPlainText(QString::fromUtf8(QJsonDocument(body).toJson()));
    QVERIFY(form->problemCount() >= 1);
    QVERIFY(form->problems().value(u"users"_s).message.contains(u"101"_s));
}

void TestForms::membersParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // "id|email"
    QTest::newRow("one per line") << u"a\nb@x.io\n\n c \n"_s
                                  << QStringList{u"a|"_s, u"|b@x.io"_s, u"c|"_s};
    QTest::newRow("csv with header")
        << u"email,userId\nq@x.io,1\n,2\n"_s << QStringList{u"1|q@x.io"_s, u"2|"_s};
    QTest::newRow("csv without header") << u"7,s@x.io\r\n8;t@x.io\n\"9\"\tu@x.io"_s
                                        << QStringList{u"7|s@x.io"_s, u"8|t@x.io"_s, u"9|u@x.io"_s};
}

void TestForms::membersParse()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const UserIdentification &user : MembersEditor::parse(text))
        actual << user.userId + u'|' + user.email;
    QCOMPARE(actual, expected);
}

void TestForms::trackEventWithMetadataAndTime()
{
    auto *form = open<EventForm>(u"trackEvent"_s);
    QVERIFY(form);
    QTest::keyClicks(form->name(), u"created_invoice"_s);
    QTest::keyClicks(form->user()->idEdit(), u"20"_s);
    QTest::keyClicks(form->account()->secondEdit(), u"acme-inc.com"_s);
    QTest::keyClicks(form->metadata()->row(0).name, u"amount"_s);
    form->metadata()->setRowType(0, PropertyEditor::Type::Number);
    QTest::keyClicks(form->metadata()->row(0).text, u"12.5"_s);
    form->setTime()->setChecked(true);
    form->triggeredAt()->setValue(QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9), QTimeZone::utc()));
    // Metadata offers only what /track accepts: no lists, no null.
    QCOMPARE(form->metadata()->offeredTypes(),
             (QList<PropertyEditor::Type>{
                 PropertyEditor::Type::String, PropertyEditor::Type::Number,
                 PropertyEditor::Type::Boolean, PropertyEditor::Type::DateTime}));
    QCOMPARE(form->problemCount(), 0);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 201);
    const QJsonArray events = m_window->sandbox()->state()->eventsJson();
    QCOMPARE(events.size(), 1);
    const QByteArray event = QJsonDocument(events.at(0).toObject()).toJson();
    QVERIFY2(event.contains("created_invoice"), event.constData());
    QVERIFY(event.contains("2024-05-06T07:08:09.000Z"));
    QVERIFY(event.contains("12.5"));
    QVERIFY(event.contains("acme-inc.com"));

    auto *legacy = open<EventForm>(u"trackJourneyEvent"_s);
    QVERIFY(legacy);
    QCOMPARE(legacy->metadata()->offeredTypes().size(), 3); // no date-time on /events
}

void TestForms::jsonTabStaysInSyncBothWays()
{
    auto *form = open<IdentityForm>(u"upsertUser"_s);
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QCOMPARE(QJsonDocument::fromJson(form->bodyBytes()).object(),
             (QJsonObject{{u"identification"_s, QJsonObject{{u"userId"_s, u"20"_s}}}}));

    form->setJsonVisible(true);
    QPlainTextEdit *json = form->jsonEditor()->textEdit();
    json->selectAll();
    QTest::keyClicks(
        json,
        uR"({"identification": {"email": "x@y.io"}, "properties": {"n": 3, "when": "2024-01-02T03:04:05.000Z", "odd": {"a": 1}}})"_s);
    QCOMPARE(form->identification()->idEdit()->text(), QString());
    QCOMPARE(form->identification()->secondEdit()->text(), u"x@y.io"_s);
    PropertyEditor *properties = form->properties();
    QCOMPARE(properties->rowCount(), 3);
    QHash<QString, PropertyEditor::Type> types;
    for (int i = 0; i < properties->rowCount(); ++i)
        types.insert(properties->row(i).name->text(), properties->rowType(i));
    QCOMPARE(types.value(u"n"_s), PropertyEditor::Type::Number);
    QCOMPARE(types.value(u"when"_s), PropertyEditor::Type::DateTime);
    QCOMPARE(types.value(u"odd"_s), PropertyEditor::Type::Json);
    // The text typed is what is sent, byte for byte.
    QCOMPARE(form->bodyBytes(), json->toPlainText().toUtf8());

    // And back: a form edit rewrites the JSON.
    form->setJsonVisible(false);
    QTest::keyClicks(form->identification()->idEdit(), u"21"_s);
    const QJsonObject body = QJsonDocument::fromJson(form->bodyBytes()).object();
    QCOMPARE(body.value(u"identification"_s).toObject().value(u"userId"_s).toString(), u"21"_s);
    QCOMPARE(body.value(u"properties"_s).toObject().value(u"when"_s).toString(),
             u"2024-01-02T03:04:05.000Z"_s);
    QCOMPARE(body.value(u"properties"_s).toObject().value(u"odd"_s).toObject(),
             (QJsonObject{{u"a"_s, 1}}));
}

void TestForms::invalidJsonKeepsTheTextAndSaysWhere()
{
    auto *form = open<IdentityForm>(u"upsertUser"_s);
    QVERIFY(form);
    form->setJsonVisible(true);
    QPlainTextEdit *json = form->jsonEditor()->textEdit();
    json->selectAll();
    const QString broken = u"{\n  \"identification\": {\n    \"userId\": \"20\",\n  }\n}"_s;
    const QStringList lines = broken.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(json, Qt::Key_Return);
        QTest::keyClicks(json, lines.at(i));
    }
    QCOMPARE(json->toPlainText(), broken);
    QVERIFY2(form->jsonEditor()->stateText().contains(u"line 4, column 4"_s),
             qPrintable(form->jsonEditor()->stateText()));
    QCOMPARE(form->problemCount(), 1);
    QVERIFY(form->problemLabel()->text().contains(u"line 4"_s));
    QCOMPARE(FieldMark::severity(json), MarkSeverity::Error);
    // Sending anyway sends the text as it is.
    MessageBox::setNextAnswer(true);
    const ApiResult result = UiTest::sendAndWait(*m_window, true);
    QCOMPARE(result.request.body, broken.toUtf8());
    QCOMPARE(result.status, 400);
}

void TestForms::readViewsAreSortableAndFilterable()
{
    SandboxState *state = m_window->sandbox()->state();
    state->upsert(SandboxScope::Users, QJsonObject{{u"userId"_s, u"1"_s}},
                  QJsonObject{{u"plan"_s, u"Pro"_s}, {u"mrr"_s, 1}, {u"zone"_s, u"eu"_s}});
    auto *form = open<ListForm>(u"getUserProperties"_s);
    QVERIFY(form);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 200);
    QVERIFY(form->model()->rowCount() >= 3);
    QCOMPARE(form->proxy()->index(0, 0).data().toString(), u"mrr"_s); // sorted by name
    form->table()->sortByColumn(0, Qt::DescendingOrder);
    QCOMPARE(form->proxy()->index(0, 0).data().toString(), u"zone"_s);
    QTest::keyClicks(form->filter(), u"pla"_s);
    QCOMPARE(form->proxy()->rowCount(), 1);
    QCOMPARE(form->proxy()->index(0, 0).data().toString(), u"plan"_s);

    state->trackEvent(u"trackEvent"_s, QJsonObject{{u"user"_s, QJsonObject{{u"userId"_s, u"1"_s}}}},
                      u"signed_in"_s, {}, {});
    auto *events = open<ListForm>(u"getEvents"_s);
    QVERIFY(events);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 200);
    QCOMPARE(events->model()->rowCount(), 1);
    QCOMPARE(events->model()->index(0, 0).data().toString(), u"signed_in"_s);

    auto *segments = open<ListForm>(u"getUserSegments"_s);
    QVERIFY(segments);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 200);
    QCOMPARE(segments->model()->rowCount(), m_window->sandbox()->fixture().userSegments.size());
}

void TestForms::validityListsPermissions()
{
    auto *form = open<ListForm>(u"getValidity"_s);
    QVERIFY(form);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 200);
    QStringList permissions;
    for (int i = 0; i < form->model()->rowCount(); ++i)
        permissions << form->model()->index(i, 0).data().toString();
    QVERIFY2(permissions.contains(u"TrackData"_s), qPrintable(permissions.join(u',')));
}

void TestForms::snippetShowsCodeWithCopy()
{
    SandboxFixture fixture = m_window->sandbox()->fixture();
    fixture.snippetDomains << u"www.acme-inc.com"_s;
    m_window->sandbox()->setFixture(fixture);
    auto *form = open<SnippetForm>(u"getTrackingSnippet"_s);
    QVERIFY(form);
    QVERIFY(!form->copyButton()->isEnabled());
    QTest::keyClicks(form->domain(), u"www.acme-inc.com"_s);
    QCOMPARE(UiTest::sendAndWait(*m_window).status, 200);
    QVERIFY(form->code()->toPlainText().contains(u"<script>"_s));
    QVERIFY(form->copyButton()->isEnabled());
    QApplication::clipboard()->clear();
    QTest::mouseClick(form->copyButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), form->code()->toPlainText());
}

void TestForms::validationMarksAppearAndClear()
{
    auto *form = open<IdentityForm>(u"upsertUser"_s);
    QVERIFY(form);
    // Nothing identifies the user yet: counted from the start, marked only once the user
    // tries to send (a fresh form is not covered in red).
    QVERIFY(form->problemCount() >= 1);
    QVERIFY(form->problems().contains(u"identification"_s));
    QVERIFY(m_window->sendAction()->text().contains(u"problem"_s));
    QCOMPARE(FieldMark::severity(form->identification()->idEdit()), MarkSeverity::None);
    m_window->send();
    QVERIFY(!m_window->isSending());
    QCOMPARE(FieldMark::severity(form->identification()->idEdit()), MarkSeverity::Error);
    QVERIFY(form->sendAnywayButton()->isVisibleTo(form));
    QTest::keyClicks(form->identification()->secondEdit(), u"not-an-email"_s);
    QVERIFY2(form->problems().contains(u"identification.email"_s),
             qPrintable(QStringList(form->problems().keys()).join(u',')));
    QCOMPARE(FieldMark::severity(form->identification()->secondEdit()), MarkSeverity::Error);
    QCOMPARE(FieldMark::severity(form->identification()->idEdit()), MarkSeverity::None);
    QVERIFY(!form->identification()->secondEdit()->accessibleDescription().isEmpty());
    QTest::keyClicks(form->identification()->secondEdit(), u"@acme-inc.com"_s);
    QCOMPARE(form->problemCount(), 0);
    QCOMPARE(FieldMark::severity(form->identification()->secondEdit()), MarkSeverity::None);
    QVERIFY(!form->sendAnywayButton()->isVisibleTo(form));
}

QTEST_MAIN(TestForms)
#include "tst_forms.moc"

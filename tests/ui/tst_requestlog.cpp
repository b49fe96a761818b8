#include "identificationeditor.h"
#include "identityform.h"
#include "jsoneditor.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "operationform.h"
#include "propertyeditor.h"
#include "requestlog.h"
#include "requestlogpanel.h"
#include "uitest.h"

#include "api/journyclient.h"
#include "sandboxserver.h"
#include "sandboxstate.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;

// The session's request log, filled by real sends to an in-process sandbox: filtering, the
// inspector, Open in form, Resend (deletes still ask), and Copy as curl run by sh against a
// fresh sandbox, which must end up in the same state.
class TestRequestLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyRequestIsLogged();
    void filterByTextAndOutcome();
    void selectingShowsTheAnswerInTheInspector();
    void openInFormRefillsTheForm();
    void resendGoesThroughTheNormalSendPath();
    void copiedCurlReproducesTheSandboxState();
    void apiKeyOnlyWhenIncluded();
    void sdkGapsAreStated();
    void toolbarCopyAsAndShortcut();

private:
    ApiResult upsertUser(const QString &userId, const QString &email, const QString &plan);
    // anyway: a request that fails validation, through "Send anyway" (answered yes).
    ApiResult sendOperation(const QString &operationId, const QByteArray &body,
                            bool anyway = false);
    QJsonValue inspect(SandboxServer &sandbox, const QString &what);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<MainWindow> m_window;
    QString m_key;
};

void TestRequestLog::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestRequestLog::init()
{
    QSettings().clear();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->listen());
    m_key = m_sandbox->createDefaultKey();
    m_window = std::make_unique<MainWindow>();
    m_window->connectTo(m_sandbox->baseUrl(), m_key, u"sandbox"_s);
}

void TestRequestLog::cleanup()
{
    m_window.reset();
    m_sandbox.reset();
}

ApiResult TestRequestLog::upsertUser(const QString &userId, const QString &email,
                                     const QString &plan)
{
    if (!m_window->selectOperation(u"upsertUser"_s))
        return {};
    auto *form = qobject_cast<IdentityForm *>(m_window->currentForm());
    form->identification()->idEdit()->setText(userId);
    form->identification()->secondEdit()->setText(email);
    form->properties()->row(0).name->setText(u"plan"_s);
    form->properties()->row(0).text->setText(plan);
    return UiTest::sendAndWait(*m_window);
}

ApiResult TestRequestLog::sendOperation(const QString &operationId, const QByteArray &body,
                                        bool anyway)
{
    if (!m_window->selectOperation(operationId))
        return {};
    if (OperationForm *form = m_window->currentForm(); form->jsonEditor())
        form->jsonEditor()->textEdit()->setPlainText(QString::fromUtf8(body));
    if (anyway)
        MessageBox::setNextAnswer(true);
    return UiTest::sendAndWait(*m_window, anyway);
}

namespace {
// When things were stored differs between two runs; what was stored must not.
QJsonValue stripTimes(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray items;
        for (const QJsonValue &item : value.toArray())
            items.append(stripTimes(item));
        return items;
    }
    if (!value.isObject())
        return value;
    QJsonObject object;
    const QJsonObject source = value.toObject();
    for (auto it = source.begin(); it != source.end(); ++it) {
        if (!it.key().endsWith(u"At"_s) && it.key() != u"requestId"_s)
            object.insert(it.key(), stripTimes(it.value()));
    }
    return object;
}
} // namespace

QJsonValue TestRequestLog::inspect(SandboxServer &sandbox, const QString &what)
{
    QNetworkAccessManager manager;
    QUrl url = sandbox.baseUrl();
    url.setPath(u"/__sandbox/"_s + what);
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    return document.object().value(u"data"_s); // SandboxResponse::data
}

void TestRequestLog::everyRequestIsLogged()
{
    RequestLog *log = m_window->requestLog();
    QCOMPARE(log->rowCount(), 0);
    QCOMPARE(upsertUser(u"20"_s, u"john@acme-inc.com"_s, u"Pro"_s).status, 201);
    QCOMPARE(sendOperation(u"trackEvent"_s,
                           R"({"identification":{"user":{"userId":"20"}},"name":"signed_up"})")
                 .status,
             201);
    QCOMPARE(sendOperation(u"getValidity"_s, {}).status, 200);
    // A 400: the sandbox refuses an account without identification.
    QCOMPARE(sendOperation(u"upsertAccount"_s, R"({"identification":{}})", true).status, 400);
    QCOMPARE(log->rowCount(), 4);

    auto cell = [log](int row, int column) { return log->index(row, column).data().toString(); };
    QCOMPARE(cell(0, RequestLog::OperationColumn), u"Create or update user"_s);
    QCOMPARE(cell(0, RequestLog::TargetColumn), u"user 20 · john@acme-inc.com"_s);
    QCOMPARE(cell(0, RequestLog::StatusColumn), u"201 Created"_s);
    QVERIFY(cell(0, RequestLog::ElapsedColumn).endsWith(u" ms"_s));
    QVERIFY(QTime::fromString(cell(0, RequestLog::TimeColumn), u"HH:mm:ss"_s).isValid());
    QCOMPARE(cell(1, RequestLog::TargetColumn), u"event signed_up · user 20"_s);
    QCOMPARE(cell(2, RequestLog::StatusColumn), u"200 OK"_s);
    QCOMPARE(cell(3, RequestLog::StatusColumn), u"400 Bad Request"_s);
    // The log never holds the key.
    for (const RequestLog::Entry &entry : log->entries()) {
        QVERIFY(!entry.request.body.contains(m_key.toUtf8()));
        for (const auto &header : entry.request.headers)
            QVERIFY2(!header.second.contains(m_key.toUtf8()), header.first.constData());
        for (const auto &header : entry.result.request.headers)
            QVERIFY(!header.second.contains(m_key.toUtf8()));
    }
    // The panel lists the newest first.
    RequestLogPanel *panel = m_window->requestLogPanel();
    QCOMPARE(panel->proxy()->rowCount(), 4);
    QCOMPARE(panel->proxy()->index(0, RequestLog::StatusColumn).data().toString(),
             u"400 Bad Request"_s);
}

void TestRequestLog::filterByTextAndOutcome()
{
    upsertUser(u"20"_s, u"john@acme-inc.com"_s, u"Pro"_s);
    upsertUser(u"21"_s, u"jane@acme-inc.com"_s, u"Free"_s);
    sendOperation(u"upsertAccount"_s, R"({"identification":{}})", true);
    sendOperation(u"getValidity"_s, {});
    RequestLogPanel *panel = m_window->requestLogPanel();
    QSortFilterProxyModel *proxy = panel->proxy();
    QCOMPARE(proxy->rowCount(), 4);

    QTest::keyClicks(panel->filterEdit(), u"JANE"_s);
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, RequestLog::TargetColumn).data().toString(),
             u"user 21 · jane@acme-inc.com"_s);
    panel->filterEdit()->clear();
    QTest::keyClicks(panel->filterEdit(), u"/validate"_s); // the path matches too
    QCOMPARE(proxy->rowCount(), 1);
    panel->filterEdit()->clear();

    panel->showCombo()->setCurrentIndex(
        panel->showCombo()->findData(int(RequestLogPanel::Show::Failed)));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, RequestLog::StatusColumn).data().toString(), u"400 Bad Request"_s);
    panel->showCombo()->setCurrentIndex(
        panel->showCombo()->findData(int(RequestLogPanel::Show::Successful)));
    QCOMPARE(proxy->rowCount(), 3);
    panel->showCombo()->setCurrentIndex(
        panel->showCombo()->findData(int(RequestLogPanel::Show::Writes)));
    QCOMPARE(proxy->rowCount(), 3);
    QTest::keyClicks(panel->filterEdit(), u"user 20"_s);
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(UiTest::accessibleName(panel->filterEdit()), u"Filter"_s);
    QCOMPARE(panel->showCombo()->accessibleName(), u"Show"_s);
}

void TestRequestLog::selectingShowsTheAnswerInTheInspector()
{
    const ApiResult first = upsertUser(u"20"_s, u"john@acme-inc.com"_s, u"Pro"_s);
    sendOperation(u"getValidity"_s, {});
    RequestLogPanel *panel = m_window->requestLogPanel();
    QVERIFY(!m_window->inspector()->statusText().contains(u"201"_s)); // shows the last: 200
    QVERIFY(panel->selectEntry(m_window->requestLog()->entryAt(0)->id));
    QVERIFY(m_window->inspector()->statusText().contains(u"201"_s));
    QVERIFY(m_window->inspector()->requestIdText().contains(first.requestId));
    QVERIFY(m_window->inspector()->requestText().contains(u"/users/upsert"_s));
}

void TestRequestLog::openInFormRefillsTheForm()
{
    upsertUser(u"20"_s, u"john@acme-inc.com"_s, u"Pro"_s);
    const QByteArray sent = m_window->requestLog()->entryAt(0)->request.body;
    // The user moves on and changes the form.
    auto *form = qobject_cast<IdentityForm *>(m_window->form(u"upsertUser"_s));
    form->identification()->idEdit()->setText(u"99"_s);
    QVERIFY(m_window->selectOperation(u"getValidity"_s));

    RequestLogPanel *panel = m_window->requestLogPanel();
    QVERIFY(panel->selectEntry(m_window->requestLog()->entryAt(0)->id));
    QVERIFY(panel->openButton()->isEnabled());
    QTest::mouseClick(panel->openButton(), Qt::LeftButton);
    QCOMPARE(m_window->currentForm()->operation().id, u"upsertUser"_s);
    QCOMPARE(m_window->currentForm()->bodyBytes(), sent);
    // The form's widgets follow the JSON.
    QCOMPARE(form->identification()->idEdit()->text(), u"20"_s);
    QCOMPARE(form->identification()->secondEdit()->text(), u"john@acme-inc.com"_s);
    QCOMPARE(form->properties()->row(0).text->text(), u"Pro"_s);

    // A deprecated operation is made visible to open it.
    QVERIFY(!m_window->showDeprecatedAction()->isChecked());
    SentRequest journey;
    journey.method = "POST";
    journey.url = QUrl(m_sandbox->baseUrl().toString() + u"/events"_s);
    journey.body = R"({"identification":{"user":{"userId":"20"}},"name":"old"})";
    QVERIFY(m_window->openRequestInForm(u"trackJourneyEvent"_s, journey));
    QCOMPARE(m_window->currentForm()->operation().id, u"trackJourneyEvent"_s);
    QCOMPARE(m_window->currentForm()->bodyBytes(), journey.body);
}

void TestRequestLog::resendGoesThroughTheNormalSendPath()
{
    upsertUser(u"20"_s, u"john@acme-inc.com"_s, u"Pro"_s);
    const QByteArray deleteBody = R"({"identification":{"userId":"20"}})";
    MessageBox::setNextAnswer(true);
    QVERIFY(sendOperation(u"deleteUser"_s, deleteBody).success);
    QCOMPARE(inspect(*m_sandbox, u"users"_s).toArray().size(), 0);
    RequestLog *log = m_window->requestLog();
    QCOMPARE(log->rowCount(), 2);

    // Resend the upsert: the user is back.
    RequestLogPanel *panel = m_window->requestLogPanel();
    QVERIFY(panel->selectEntry(log->entryAt(0)->id));
    QSignalSpy finished(m_window.get(), &MainWindow::requestFinished);
    QTest::mouseClick(panel->resendButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.at(0).at(0).value<ApiResult>().success);
    QCOMPARE(log->rowCount(), 3);
    QCOMPARE(log->entryAt(2)->request.body, log->entryAt(0)->request.body);
    QCOMPARE(inspect(*m_sandbox, u"users"_s).toArray().size(), 1);

    // Resending the delete asks first; "no" sends nothing.
    const int questions = MessageBox::questionCount();
    QVERIFY(panel->selectEntry(log->entryAt(1)->id));
    MessageBox::setNextAnswer(false);
    QTest::mouseClick(panel->resendButton(), Qt::LeftButton);
    QCOMPARE(MessageBox::questionCount(), questions + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"20"_s));
    QVERIFY(!m_window->isSending());
    QCOMPARE(log->rowCount(), 3);
    QCOMPARE(inspect(*m_sandbox, u"users"_s).toArray().size(), 1);
    // "yes" deletes again.
    QVERIFY(panel->selectEntry(log->entryAt(1)->id));
    MessageBox::setNextAnswer(true);
    QTest::mouseClick(panel->resendButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(log->rowCount(), 4);
    QCOMPARE(inspect(*m_sandbox, u"users"_s).toArray().size(), 0);
}

void TestRequestLog::copiedCurlReproducesTheSandboxState()
{
    const QString sh = QStandardPaths::findExecutable(u"sh"_s);
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QFAIL("curl is not installed");
    // What the user did in the console.
    upsertUser(u"20"_s, u"zoë@acme-inc.com"_s, u"Pro 'quoted'"_s);
    sendOperation(u"upsertAccount"_s,
                  R"({"identification":{"accountId":"acme"},"properties":{"seats":12}})");
    sendOperation(
        u"addUserToAccount"_s,
        R"({"account":{"accountId":"acme"},"users":[{"identification":{"userId":"20"}}]})");
    sendOperation(u"trackEvent"_s, R"({"identification":{"user":{"userId":"20"},"account":)"
                                   R"({"accountId":"acme"}},"name":"signed_up",)"
                                   R"("metadata":{"plan":"Pro"}})");

    // A fresh sandbox, the same key name; each request copied through the panel and run by sh.
    SandboxServer fresh;
    QVERIFY(fresh.listen());
    const QString freshKey = fresh.createDefaultKey();
    RequestLogPanel *panel = m_window->requestLogPanel();
    QCOMPARE(m_window->requestLog()->rowCount(), 4);
    for (const RequestLog::Entry &entry : m_window->requestLog()->entries()) {
        QVERIFY(panel->selectEntry(entry.id));
        QAction *curlAction = panel->copyButton()->menu()->actions().at(0);
        QCOMPARE(curlAction->text(), u"curl"_s);
        curlAction->trigger();
        QString command = QGuiApplication::clipboard()->text();
        QVERIFY2(command.contains(u"$JOURNY_API_KEY"_s), qPrintable(command));
        QVERIFY(!command.contains(m_key));
        command.replace(m_sandbox->baseUrl().toString(), fresh.baseUrl().toString());

        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"JOURNY_API_KEY"_s, freshKey); // the key only in the environment
        process.setProcessEnvironment(environment);
        process.start(sh, {u"-s"_s});
        QVERIFY(process.waitForStarted());
        process.write(command.toUtf8());
        process.closeWriteChannel();
        // curl runs while the event loop serves the in-process sandbox.
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20000);
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    }
    for (const QString &what : {u"users"_s, u"accounts"_s, u"events"_s}) {
        const QJsonArray original = QJsonArray(stripTimes(inspect(*m_sandbox, what)).toArray());
        const QJsonArray copied = QJsonArray(stripTimes(inspect(fresh, what)).toArray());
        QVERIFY2(!original.isEmpty(), qPrintable(what));
        QCOMPARE(QJsonDocument(copied).toJson(), QJsonDocument(original).toJson());
    }
}

void TestRequestLog::apiKeyOnlyWhenIncluded()
{
    upsertUser(u"20"_s, u"john@acme-inc.com"_s, u"Pro"_s);
    RequestLogPanel *panel = m_window->requestLogPanel();
    const RequestLog::Entry *entry = m_window->requestLog()->last();
    for (const RequestCode::Format format : RequestCode::formats()) {
        const RequestCode::Code code = panel->code(*entry, format);
        QVERIFY2(!code.code.contains(m_key), qPrintable(RequestCode::formatName(format)));
    }
    QTest::mouseClick(panel->includeKeyBox(), Qt::LeftButton);
    QVERIFY(panel->includeKeyBox()->isChecked());
    const RequestCode::Code curl = panel->copy(*entry, RequestCode::Format::Curl);
    QVERIFY(curl.code.contains(m_key));
    QCOMPARE(QGuiApplication::clipboard()->text(), curl.code);
    QVERIFY(panel->noteLabel()->text().contains(u"with the API key"_s));
    // The key is the client's current one, not one kept with the request.
    const QString other = m_sandbox->createDefaultKey();
    m_window->client()->setApiKey(other);
    QVERIFY(panel->code(*entry, RequestCode::Format::Curl).code.contains(other));
    QVERIFY(!panel->code(*entry, RequestCode::Format::Curl).code.contains(m_key));
    QTest::mouseClick(panel->includeKeyBox(), Qt::LeftButton);
    QVERIFY(!panel->code(*entry, RequestCode::Format::Curl).code.contains(other));
}

void TestRequestLog::sdkGapsAreStated()
{
    sendOperation(u"getValidity"_s, {});
    RequestLogPanel *panel = m_window->requestLogPanel();
    const RequestLog::Entry *entry = m_window->requestLog()->last();
    // Find a format the SDKs lack for this operation; the panel says so and copies nothing.
    int gaps = 0;
    for (const RequestCode::Format format : RequestCode::formats()) {
        const RequestCode::Code expected =
            RequestCode::generate(format, entry->operationId, entry->request);
        QGuiApplication::clipboard()->setText(u"unchanged"_s);
        const RequestCode::Code code = panel->copy(*entry, format);
        QCOMPARE(code.available, expected.available);
        if (!code.available) {
            ++gaps;
            QCOMPARE(QGuiApplication::clipboard()->text(), u"unchanged"_s);
            QVERIFY(panel->noteLabel()->text().startsWith(u"Not copied"_s));
            QVERIFY(panel->noteLabel()->text().contains(expected.note));
        } else {
            QCOMPARE(QGuiApplication::clipboard()->text(), expected.code);
        }
    }
    Q_UNUSED(gaps) // which SDK lacks what is the generator's business (tst_requestcode)
}

void TestRequestLog::toolbarCopyAsAndShortcut()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    upsertUser(u"20"_s, u"john@acme-inc.com"_s, u"Pro"_s);
    sendOperation(u"getValidity"_s, {});
    const RequestLog::Entry *last = m_window->requestLog()->last();
    // The log records from the start; its panel is made when first needed.
    QVERIFY(!m_window->findChild<RequestLogPanel *>());

    // The toolbar's "Copy as" works on the last request.
    auto *button = m_window->findChild<QToolButton *>(u"copyAsButton"_s);
    QVERIFY(button);
    QStringList names;
    for (QAction *action : button->menu()->actions())
        names << action->text();
    QVERIFY2(names.contains(u"journyctl"_s), qPrintable(names.join(u", "_s)));
    button->menu()->actions().at(1)->trigger(); // journyctl
    QCOMPARE(QGuiApplication::clipboard()->text(),
             RequestCode::generate(RequestCode::Format::JournyCtl, last->operationId, last->request)
                 .code);
    // "Include API key" is one setting, in the toolbar's menu and in the panel.
    QAction *includeKey = button->menu()->actions().last();
    QCOMPARE(includeKey->text(), u"Include API key"_s);
    includeKey->setChecked(true);
    QVERIFY(m_window->requestLogPanel()->includeKeyBox()->isChecked());
    m_window->requestLogPanel()->includeKeyBox()->setChecked(false);
    QVERIFY(!includeKey->isChecked());

    // Ctrl+Shift+C: curl of the last request, then of the selected one.
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(
        QGuiApplication::clipboard()->text(),
        RequestCode::generate(RequestCode::Format::Curl, last->operationId, last->request).code);
    const RequestLog::Entry *first = m_window->requestLog()->entryAt(0);
    QVERIFY(m_window->requestLogPanel()->selectEntry(first->id));
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"/users/upsert"_s));
    QVERIFY(!QGuiApplication::clipboard()->text().contains(m_key));

    const QString dir = qEnvironmentVariable("JOURNY_SCREENSHOT_DIR");
    if (!dir.isEmpty()) { // for people to look at
        m_window->resize(1280, 800);
        m_window->requestLogDock()->show();
        QTest::qWait(50);
        QDir().mkpath(dir);
        m_window->grab().save(dir + u"/request-log.png"_s);
    }
}

QTEST_MAIN(TestRequestLog)
#include "tst_requestlog.moc"

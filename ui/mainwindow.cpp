#include "mainwindow.h"

#include "connectiondialog.h"
#include "messagebox.h"
#include "navigationpanel.h"
#include "operationform.h"
#include "responseinspector.h"
#include "settings.h"

#include "api/apireply.h"
#include "api/journyclient.h"
#include "api/operation.h"

#ifdef JOURNY_HAS_SANDBOX
#include "sandboxserver.h"
#endif

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {
QString problemText(int count)
{
    return count == 1 ? MainWindow::tr("1 problem") : MainWindow::tr("%1 problems").arg(count);
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_client(new JournyClient(this))
    , m_navigation(new NavigationPanel)
    , m_stack(new QStackedWidget)
    , m_inspector(new ResponseInspector)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setWindowTitle(tr("Journy Console %1").arg(QStringLiteral(JOURNY_VERSION)));

    m_splitter->addWidget(m_navigation);
    m_splitter->addWidget(m_stack);
    m_splitter->addWidget(m_inspector);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 2);
    m_navigation->setMinimumWidth(150);
    m_stack->setMinimumWidth(380);
    m_inspector->setMinimumWidth(260);
    setCentralWidget(m_splitter);

    createActions();

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setAccessibleDescription(tr("Connection"));
    m_lastAnswerLabel = new QLabel(this);
    m_lastAnswerLabel->setAccessibleDescription(tr("Last answer"));
    statusBar()->addPermanentWidget(m_lastAnswerLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->showMessage(tr("Ready"));

    m_navigation->setShowDeprecated(Settings::showDeprecated.value());
    connect(m_navigation, &NavigationPanel::operationSelected, this, &MainWindow::showOperation);
    connect(m_splitter, &QSplitter::splitterMoved, this, &MainWindow::saveLayout);

    resize(1024, 700);
    m_splitter->setSizes({190, 474, 360});
    const QByteArray geometry = Settings::mainWindowGeometry.value();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray splitter = Settings::mainSplitter.value();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);

    QString first = Settings::lastOperation.value();
    if (!m_navigation->selectOperation(first))
        m_navigation->selectOperation(u"upsertUser"_s);
    m_inspector->showHint(tr("Not connected yet: choose a connection in the toolbar."));
    updateActions();
}

MainWindow::~MainWindow()
{
    if (m_reply)
        m_reply->cancel();
}

void MainWindow::createActions()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolBar"_s);
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_connectionButton = new QToolButton(this);
    m_connectionButton->setPopupMode(QToolButton::InstantPopup);
    m_connectionButton->setText(tr("Not connected"));
    m_connectionButton->setAccessibleName(tr("Connection"));
    m_connectionButton->setToolTip(tr("Where requests go"));
    auto *connectionMenu = new QMenu(m_connectionButton);
    m_sandboxAction =
        connectionMenu->addAction(tr("Built-in sandbox"), this, [this] { startBuiltInSandbox(); });
#ifndef JOURNY_HAS_SANDBOX
    m_sandboxAction->setEnabled(false);
#endif
    connectionMenu->addAction(tr("Connect to a server…"), this, &MainWindow::openConnectionDialog);
    m_connectionButton->setMenu(connectionMenu);
    toolbar->addWidget(m_connectionButton);
    toolbar->addSeparator();

    m_sendAction = new QAction(tr("Send"), this);
    m_sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_sendAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_sendAction, &QAction::triggered, this, &MainWindow::send);
    m_sendAnywayAction = new QAction(tr("Send anyway…"), this);
    m_sendAnywayAction->setToolTip(tr("Send although the request fails validation (asks first)"));
    connect(m_sendAnywayAction, &QAction::triggered, this, &MainWindow::sendAnyway);
    m_cancelAction = new QAction(tr("Cancel"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setToolTip(tr("Cancel the request in flight (Esc)"));
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancel);
    m_toggleJsonAction = new QAction(tr("Form / JSON"), this);
    m_toggleJsonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    connect(m_toggleJsonAction, &QAction::triggered, this, [this] {
        if (OperationForm *form = currentForm())
            form->toggleJson();
    });
    toolbar->addAction(m_sendAction);
    toolbar->addAction(m_cancelAction);
    if (auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(m_sendAction)))
        button->setAccessibleName(tr("Send"));
    if (auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(m_cancelAction)))
        button->setAccessibleName(tr("Cancel"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Connect to a server…"), this, &MainWindow::openConnectionDialog);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *request = menuBar()->addMenu(tr("&Request"));
    request->addAction(m_sendAction);
    request->addAction(m_sendAnywayAction);
    request->addAction(m_cancelAction);
    request->addSeparator();
    request->addAction(m_toggleJsonAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QString groups[] = {tr("Users"), tr("Accounts"), tr("Track"), tr("Read")};
    for (int i = 0; i < NavigationPanel::GroupCount; ++i) {
        QAction *action = view->addAction(
            groups[i], this, [this, i] { m_navigation->selectGroup(NavigationPanel::Group(i)); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    QAction *filter = view->addAction(tr("Filter operations"), this, [this] {
        m_navigation->filter()->setFocus();
        m_navigation->filter()->selectAll();
    });
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addSeparator();
    m_showDeprecatedAction = view->addAction(tr("Show deprecated operations"));
    m_showDeprecatedAction->setCheckable(true);
    m_showDeprecatedAction->setChecked(Settings::showDeprecated.value());
    connect(m_showDeprecatedAction, &QAction::toggled, this, [this](bool on) {
        Settings::showDeprecated.setValue(on);
        m_navigation->setShowDeprecated(on);
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About Journy Console"), this, [this] {
        QMessageBox::about(this, tr("About Journy Console"),
                           tr("Journy Console %1\nA native console for the journy.io API.")
                               .arg(QStringLiteral(JOURNY_VERSION)));
    });
}

bool MainWindow::startBuiltInSandbox()
{
#ifdef JOURNY_HAS_SANDBOX
    if (!m_sandbox) {
        auto *sandbox = new SandboxServer(this);
        if (!sandbox->listen(QHostAddress::LocalHost, 0)) {
            m_inspector->showHint(
                tr("The built-in sandbox could not start: %1").arg(sandbox->errorString()));
            delete sandbox;
            return false;
        }
        m_sandbox = sandbox;
    }
    connectTo(m_sandbox->baseUrl(), m_sandbox->createDefaultKey(), tr("Sandbox"));
    m_inspector->showHint(tr("You are on the local sandbox: nothing leaves this machine. Add a "
                             "profile to reach journy.io."));
    return true;
#else
    m_inspector->showHint(tr("This build has no built-in sandbox: connect to a server."));
    return false;
#endif
}

void MainWindow::startBuiltInSandboxAfterFirstPaint()
{
    m_waitingForFirstPaint = true;
    m_splitter->installEventFilter(this);
    if (isVisible())
        m_splitter->update();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (m_waitingForFirstPaint && watched == m_splitter && event->type() == QEvent::Paint) {
        m_waitingForFirstPaint = false;
        m_splitter->removeEventFilter(this);
        QTimer::singleShot(0, this, [this] { startBuiltInSandbox(); });
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::connectTo(const QUrl &baseUrl, const QString &apiKey, const QString &name)
{
    if (m_reply)
        m_reply->cancel();
    m_client->setBaseUrl(baseUrl);
    m_client->setApiKey(apiKey);
    m_connected = true;
    m_connectionName = name;
    m_connectionButton->setText(u"● "_s + name);
    m_connectionLabel->setText(baseUrl.toDisplayString());
    m_inspector->clear();
    updateActions();
    Q_EMIT connectionChanged();
}

void MainWindow::openConnectionDialog()
{
    ConnectionDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    connectTo(dialog.baseUrl(), dialog.apiKey(), dialog.baseUrl().host());
}

OperationForm *MainWindow::form(const QString &operationId)
{
    if (OperationForm *existing = m_forms.value(operationId))
        return existing;
    const Operation *operation = OperationCatalogue::find(operationId);
    if (!operation)
        return nullptr;
    OperationForm *created = OperationForm::create(*operation, m_stack);
    m_stack->addWidget(created);
    m_forms.insert(operationId, created);
    connect(created, &OperationForm::problemsChanged, this, [this, created] {
        if (created == currentForm())
            updateActions();
    });
    connect(created, &OperationForm::sendAnywayRequested, this, &MainWindow::sendAnyway);
    return created;
}

bool MainWindow::selectOperation(const QString &operationId)
{
    if (!m_navigation->selectOperation(operationId))
        return false;
    return currentForm() && currentForm()->operation().id == operationId;
}

void MainWindow::showOperation(const QString &operationId)
{
    OperationForm *target = form(operationId);
    if (!target)
        return;
    m_stack->setCurrentWidget(target);
    Settings::lastOperation.setValue(operationId);
    updateActions();
}

OperationForm *MainWindow::currentForm() const
{
    return qobject_cast<OperationForm *>(m_stack->currentWidget());
}

void MainWindow::send()
{
    sendCurrent(false);
}

void MainWindow::sendAnyway()
{
    sendCurrent(true);
}

void MainWindow::cancel()
{
    if (m_reply)
        m_reply->cancel();
}

void MainWindow::sendCurrent(bool anyway)
{
    OperationForm *form = currentForm();
    if (!form || m_reply)
        return;
    if (!m_connected) {
        m_inspector->showHint(tr("Not connected: choose the sandbox or a server in the toolbar "
                                 "first."));
        return;
    }
    const int problems = form->problemCount();
    if (problems > 0 && !anyway) {
        form->revealProblems();
        const QString text = tr("%1 to fix first, or use Send anyway.").arg(problemText(problems));
        statusBar()->showMessage(text, 5000);
        m_inspector->showHint(text);
        return;
    }
    if (problems > 0 &&
        !MessageBox::confirm(this, tr("Send anyway?"),
                             tr("The request fails validation (%1). journy.io will most "
                                "likely reject it. Send it as it is?")
                                 .arg(problemText(problems)),
                             tr("Send anyway"))) {
        return;
    }
    const QString question = form->confirmation();
    if (!question.isEmpty() &&
        !MessageBox::confirm(this, form->operation().summary, question, tr("Delete"))) {
        statusBar()->showMessage(tr("Nothing was deleted."), 5000);
        return;
    }

    m_reply = m_client->sendBytes(form->operation().id, form->bodyBytes(), form->query());
    m_inspector->showSending(m_reply->request());
    statusBar()->showMessage(
        tr("Sending %1 %2…")
            .arg(QString::fromLatin1(form->operation().method), form->operation().path));
    QPointer<OperationForm> target = form;
    connect(m_reply, &ApiReply::finished, this,
            [this, target](const ApiResult &result) { onFinished(target, result); });
    updateActions();
}

void MainWindow::onFinished(OperationForm *form, const ApiResult &result)
{
    m_reply = nullptr;
    m_inspector->showResult(result);
    if (form)
        m_inspector->setUnmatchedFieldErrors(form->showResult(result));
    statusBar()->showMessage(result.summary(), 8000);
    m_lastAnswerLabel->setText(
        tr("Last answer %1").arg(QTime::currentTime().toString(u"HH:mm:ss"_s)));
    updateActions();
    Q_EMIT requestFinished(result);
}

void MainWindow::updateActions()
{
    OperationForm *form = currentForm();
    const int problems = form ? form->problemCount() : 0;
    const bool sending = m_reply != nullptr;
    m_sendAction->setText(problems > 0 ? tr("Send (%1)").arg(problemText(problems)) : tr("Send"));
    m_sendAction->setToolTip(
        problems > 0
            ? tr("%1: fix them first, or use Request › Send anyway").arg(problemText(problems))
            : tr("Send the request (Ctrl+Enter)"));
    m_sendAction->setEnabled(form && m_connected && !sending);
    m_sendAnywayAction->setEnabled(form && m_connected && !sending && problems > 0);
    m_cancelAction->setEnabled(sending);
    m_toggleJsonAction->setEnabled(form && form->hasJsonTab());
}

void MainWindow::saveLayout()
{
    Settings::mainSplitter.setValue(m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    Settings::mainWindowGeometry.setValue(saveGeometry());
    QMainWindow::closeEvent(event);
}

#pragma once

#include "api/requests.h"
#include "sandboxresponse.h"

#include <QJsonValue>

struct Operation;
struct SandboxFixture;
struct SandboxKey;
class SandboxState;

// The 16 operations' meaning: validates the payload with the shared Validator, applies it
// to the state and builds the spec's success body. Transport, keys, rate limits and faults
// are the server's business, not this class's.
class SandboxApi {
public:
    SandboxApi(SandboxState *state, const SandboxFixture *fixture);

    SandboxResponse execute(const Operation &operation, const QJsonValue &body,
                            const QueryItems &query, const SandboxKey &key);

    static SandboxResponse badRequest(const QMap<QString, QString> &fields,
                                      const QMap<QString, QString> &queryParameters = {});

private:
    SandboxState *m_state;
    const SandboxFixture *m_fixture;
};

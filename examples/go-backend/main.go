// Command go-backend is a small backend that asks Switchyard for answers over gRPC with the
// generated Go client (clients/go/switchyardv1).
//
// It calls Complete, StreamComplete and CompleteBatch with an API key, then shows how a backend
// tells the router's error codes apart: a bad key (Unauthenticated: fix the configuration), a
// bad request (InvalidArgument: fix the code, never retry) and a spending limit
// (ResourceExhausted: back off or raise the limit), reading the attempts a failed call made from
// the status details.
//
// Settings come from the environment: SWITCHYARD_TARGET (host:port of the router's gRPC port,
// default 127.0.0.1:50051), SWITCHYARD_API_KEY (default the local dev key sk-switchyard-local)
// and SWITCHYARD_MODEL (the model to pin, default sim-small). Build and run it with run.sh.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	switchyardv1 "switchyard/clients/go/switchyardv1"
)

// advice is what a backend does about each status the router returns.
var advice = map[codes.Code]string{
	codes.Unauthenticated:   "check the API key; do not retry",
	codes.PermissionDenied:  "the key may not do this; do not retry",
	codes.InvalidArgument:   "fix the request; do not retry",
	codes.NotFound:          "unknown model or strategy; do not retry",
	codes.ResourceExhausted: "budget or rate limit: back off, or raise the limit",
	codes.Unavailable:       "retry with backoff",
	codes.DeadlineExceeded:  "retry with backoff, or allow more time",
}

// apiKey sends "authorization: Bearer <key>" on every call: the router reads the tenant from
// it, never from the request body.
type apiKey string

func (key apiKey) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(key)}, nil
}

// RequireTransportSecurity is false for the local stack's plaintext port; put TLS in front of a
// deployment and return true there.
func (apiKey) RequireTransportSecurity() bool { return false }

func setting(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

// ask builds a CompleteRequest for one user question; an empty model means the `auto` strategy.
func ask(question, model string) *switchyardv1.CompleteRequest {
	request := &switchyardv1.CompleteRequest{Messages: []*switchyardv1.ChatMessage{{Role: "user", Content: question}}}
	if model != "" {
		request.Strategy = &switchyardv1.Strategy{Kind: &switchyardv1.Strategy_Pinned{Pinned: &switchyardv1.PinnedStrategy{Model: model}}}
	}
	return request
}

func withTimeout(seconds int) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Duration(seconds)*time.Second)
}

// complete lets the router pick the model and prints which it chose and what it cost.
func complete(client switchyardv1.RouterServiceClient) error {
	ctx, cancel := withTimeout(30)
	defer cancel()
	response, err := client.Complete(ctx, ask("Say hi in five words.", ""))
	if err != nil {
		return err
	}
	fmt.Printf("complete: strategy=%s model=%s simulated=%t cost_nano_usd=%d attempts=%d answer=%q\n",
		response.Strategy, response.Model, response.Simulated, response.TotalCostNanoUsd, len(response.Attempts), response.Answer)
	return nil
}

// stream prints the start event, counts the deltas and checks they add up to the final answer.
func stream(client switchyardv1.RouterServiceClient, model string) error {
	ctx, cancel := withTimeout(30)
	defer cancel()
	events, err := client.StreamComplete(ctx, ask("Tell a short story.", model))
	if err != nil {
		return err
	}
	var text strings.Builder
	deltas := 0
	for {
		event, err := events.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch kind := event.Event.(type) {
		case *switchyardv1.StreamCompleteResponse_Start:
			fmt.Printf("stream: start model=%s simulated=%t\n", kind.Start.Model, kind.Start.Simulated)
		case *switchyardv1.StreamCompleteResponse_Delta:
			deltas++
			text.WriteString(kind.Delta.Text)
		case *switchyardv1.StreamCompleteResponse_Completed:
			fmt.Printf("stream: completed deltas=%d cost_nano_usd=%d same_text=%t answer=%q\n",
				deltas, kind.Completed.TotalCostNanoUsd, text.String() == kind.Completed.Answer, kind.Completed.Answer)
		}
	}
}

// batch sends three items, the last one invalid: it fails alone, the others still answer.
func batch(client switchyardv1.RouterServiceClient, model string) error {
	ctx, cancel := withTimeout(60)
	defer cancel()
	items := []*switchyardv1.CompleteRequest{ask("What is 2 + 2?", model), ask("Name a colour.", model), {}}
	results, err := client.CompleteBatch(ctx, &switchyardv1.CompleteBatchRequest{Items: items, MaxConcurrency: 2})
	if err != nil {
		return err
	}
	for {
		result, err := results.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if response := result.GetResponse(); response != nil {
			fmt.Printf("batch[%d]: model=%s answer=%q\n", result.Index, response.Model, response.Answer)
		} else {
			fmt.Printf("batch[%d]: error code=%s message=%q\n", result.Index, result.GetError().Code, result.GetError().Message)
		}
	}
}

// showError runs one call and prints its status, the advice for it and the attempts the
// router itemised in the status details (switchyard.v1.AttemptTrail).
func showError(label string, call func(context.Context) error) {
	ctx, cancel := withTimeout(30)
	defer cancel()
	err := call(ctx)
	if err == nil {
		fmt.Printf("error %s: none (the call succeeded)\n", label)
		return
	}
	refusal := status.Convert(err)
	line := fmt.Sprintf("error %s: code=%s (%s) message=%q", label, refusal.Code(), adviceFor(refusal.Code()), refusal.Message())
	for _, detail := range refusal.Details() {
		if trail, ok := detail.(*switchyardv1.AttemptTrail); ok {
			line += fmt.Sprintf(" attempts=%d", len(trail.Attempts))
		}
	}
	fmt.Println(line)
}

func adviceFor(code codes.Code) string {
	if text, ok := advice[code]; ok {
		return text
	}
	return "unexpected: log it and alert"
}

func showErrors(stranger, client switchyardv1.RouterServiceClient, model string) {
	showError("bad-key", func(ctx context.Context) error {
		_, err := stranger.Complete(ctx, ask("hi", model))
		return err
	})
	showError("bad-request", func(ctx context.Context) error {
		_, err := client.Complete(ctx, &switchyardv1.CompleteRequest{})
		return err
	})
	showError("over-limit", func(ctx context.Context) error {
		request := ask("hi", model)
		limit := int64(1)
		request.MaxCostNanoUsd = &limit
		_, err := client.Complete(ctx, request)
		return err
	})
}

// dial connects lazily (the first call reports an unreachable router), plaintext as the local
// stack serves; use grpc.WithTransportCredentials with TLS in front of a deployment.
func dial(target string, key apiKey) *grpc.ClientConn {
	connection, err := grpc.Dial(target, grpc.WithInsecure(), grpc.WithPerRPCCredentials(key))
	if err != nil {
		fmt.Fprintf(os.Stderr, "backend: %s: %v\n", target, err)
		os.Exit(1)
	}
	return connection
}

func main() {
	target := setting("SWITCHYARD_TARGET", "127.0.0.1:50051")
	model := setting("SWITCHYARD_MODEL", "sim-small")
	connection := dial(target, apiKey(setting("SWITCHYARD_API_KEY", "sk-switchyard-local")))
	defer connection.Close()
	strangerConnection := dial(target, apiKey("sk-not-a-key"))
	defer strangerConnection.Close()
	client := switchyardv1.NewRouterServiceClient(connection)
	for _, step := range []func() error{
		func() error { return complete(client) },
		func() error { return stream(client, model) },
		func() error { return batch(client, model) },
	} {
		if err := step(); err != nil {
			fmt.Fprintf(os.Stderr, "backend: %s: %s: %s\n", target, status.Code(err), status.Convert(err).Message())
			os.Exit(1)
		}
	}
	showErrors(switchyardv1.NewRouterServiceClient(strangerConnection), client, model)
}

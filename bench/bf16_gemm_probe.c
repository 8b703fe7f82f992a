// Probe for issue 12 (not part of the build): how much faster a bf16 matrix product is than an fp32 one on
// a CPU with AVX512_BF16, for the recurrent product of one shard, C (M x N) = A (M x K) . W (K x N).
// fp32: a 5 x 64 register tile of FMAs. bf16: the same tile of VDPBF16PS over K pairs, with W packed as
// (K/2, N, 2) bf16 (round to nearest even) either once or on every call, and A converted on every call.
//   gcc -O3 -mavx512f -mavx512bw -mavx512vl -mavx512bf16 bench/bf16_gemm_probe.c -o /tmp/bf16probe -lm
//   taskset -c 1 /tmp/bf16probe 50 256 1024; taskset -c 1 /tmp/bf16probe 50 512 2048   (M K N; K a multiple of
//   32, N of 64)
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
// pack W (K x N row-major f32) into (K/2, N, 2) bf16
static void packB(int K,int N,const float*W,uint16_t*Bp){
  const __m512i idx=_mm512_set_epi16(31,15,30,14,29,13,28,12,27,11,26,10,25,9,24,8,23,7,22,6,21,5,20,4,19,3,18,2,17,1,16,0);
  for(int k=0;k<K/2;k++){const float*r0=W+(size_t)(2*k)*N,*r1=r0+N; uint16_t*o=Bp+(size_t)k*N*2;
    for(int j=0;j<N;j+=16){ __m512i v=(__m512i)_mm512_cvtne2ps_pbh(_mm512_loadu_ps(r1+j),_mm512_loadu_ps(r0+j)); // hi=r1, lo=r0
      _mm512_storeu_si512(o+2*j,_mm512_permutexvar_epi16(idx,v)); }}
}
static void packA(int M,int K,const float*A,uint32_t*Ap){
  for(int i=0;i<M;i++)for(int k=0;k<K;k+=32){ __m512i v=(__m512i)_mm512_cvtne2ps_pbh(_mm512_loadu_ps(A+i*K+k+16),_mm512_loadu_ps(A+i*K+k));
    _mm512_storeu_si512(Ap+i*(K/2)+k/2,v);} // lo half = elements k..k+15 -> pairs interleaved already (consecutive)
}
static void kern(int M,int N,int K,const uint32_t*A,const uint16_t*Bp,float*C){
  for(int j=0;j<N;j+=64) for(int i=0;i<M;i+=5){ int R=M-i<5?M-i:5;
    __m512 c[5][4]; for(int r=0;r<5;r++)for(int q=0;q<4;q++)c[r][q]=_mm512_setzero_ps();
    for(int k=0;k<K/2;k++){ const uint16_t*b=Bp+((size_t)k*N+j)*2;
      __m512bh b0=(__m512bh)_mm512_loadu_si512(b),b1=(__m512bh)_mm512_loadu_si512(b+32),b2=(__m512bh)_mm512_loadu_si512(b+64),b3=(__m512bh)_mm512_loadu_si512(b+96);
      for(int r=0;r<5;r++){ if(r<R){__m512bh a=(__m512bh)_mm512_set1_epi32(A[(size_t)(i+r)*(K/2)+k]);
        c[r][0]=_mm512_dpbf16_ps(c[r][0],a,b0);c[r][1]=_mm512_dpbf16_ps(c[r][1],a,b1);c[r][2]=_mm512_dpbf16_ps(c[r][2],a,b2);c[r][3]=_mm512_dpbf16_ps(c[r][3],a,b3);}}}
    for(int r=0;r<R;r++)for(int q=0;q<4;q++)_mm512_storeu_ps(C+(size_t)(i+r)*N+j+16*q,c[r][q]);
  }
}
static void f32(int M,int N,int K,const float*A,const float*B,float*C){
  for(int j=0;j<N;j+=64) for(int i=0;i<M;i+=5){ int R=M-i<5?M-i:5;
    __m512 c[5][4]; for(int r=0;r<5;r++)for(int q=0;q<4;q++)c[r][q]=_mm512_setzero_ps();
    for(int k=0;k<K;k++){ const float*b=B+(size_t)k*N+j; __m512 b0=_mm512_loadu_ps(b),b1=_mm512_loadu_ps(b+16),b2=_mm512_loadu_ps(b+32),b3=_mm512_loadu_ps(b+48);
      for(int r=0;r<5;r++){ if(r<R){__m512 a=_mm512_set1_ps(A[(size_t)(i+r)*K+k]);
        c[r][0]=_mm512_fmadd_ps(a,b0,c[r][0]);c[r][1]=_mm512_fmadd_ps(a,b1,c[r][1]);c[r][2]=_mm512_fmadd_ps(a,b2,c[r][2]);c[r][3]=_mm512_fmadd_ps(a,b3,c[r][3]);}}}
    for(int r=0;r<R;r++)for(int q=0;q<4;q++)_mm512_storeu_ps(C+(size_t)(i+r)*N+j+16*q,c[r][q]);
  }
}
int main(int argc,char**argv){
  int M=argc>1?atoi(argv[1]):50,K=argc>2?atoi(argv[2]):256,N=argc>3?atoi(argv[3]):1024;
  float*A=aligned_alloc(64,M*K*4),*W=aligned_alloc(64,(size_t)K*N*4),*C=aligned_alloc(64,(size_t)M*N*4),*C2=aligned_alloc(64,(size_t)M*N*4);
  for(int i=0;i<M*K;i++)A[i]=rand()/(float)RAND_MAX-.5f; for(int i=0;i<K*N;i++)W[i]=(rand()/(float)RAND_MAX-.5f)*.1f;
  uint32_t*Ap=aligned_alloc(64,M*K*2); uint16_t*Bp=aligned_alloc(64,(size_t)K*N*2);
  int R=3000; double fl=2.0*M*N*K*R,t;
  f32(M,N,K,A,W,C); t=now(); for(int r=0;r<R;r++)f32(M,N,K,A,W,C); double tf=now()-t;
  packB(K,N,W,Bp); t=now(); for(int r=0;r<R;r++){packA(M,K,A,Ap);kern(M,N,K,Ap,Bp,C2);} double tb=now()-t;
  t=now(); for(int r=0;r<R;r++){packB(K,N,W,Bp);packA(M,K,A,Ap);kern(M,N,K,Ap,Bp,C2);} double tc=now()-t;
  double e=0,m=0; for(int i=0;i<M*N;i++){double d=fabs(C[i]-C2[i]);if(d>e)e=d;if(fabs(C[i])>m)m=fabs(C[i]);}
  printf("%dx%dx%d: fp32 %.1f GFLOP/s; bf16, W packed once %.1f (%.2fx); W packed every call %.1f (%.2fx); max err %.3g of %.3g\n",M,K,N,fl/tf/1e9,fl/tb/1e9,tf/tb,fl/tc/1e9,tf/tc,e,m);
}
